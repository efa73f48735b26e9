import { describe, expect, it } from 'vitest';
import { shingleSet } from '../../../../src/core/cluster/shingles.js';
import { tagStory, type TopicClassifier } from '../../../../src/core/ingest/tag-story.js';
import type { FeedLang, NormalisedStory } from '../../../../src/core/types.js';
import { LABELLED_PAIRS } from '../../../fixtures/cluster/labelled-pairs.js';

const uk = LABELLED_PAIRS.find((pair) => pair.lang === 'uk' && pair.a.summary !== '')!.a;
const ru = LABELLED_PAIRS.find((pair) => pair.lang === 'ru' && pair.a.summary !== '')!.a;

function item(
  text: { title: string; summary: string },
  declaredLang: FeedLang,
  url: string,
): NormalisedStory {
  return {
    id: 'id-1',
    feedId: 'feed-1',
    outlet: 'Українська правда',
    url,
    title: text.title,
    summary: text.summary,
    publishedAt: 1_750_000_000_000,
    fetchedAt: 1_750_000_100_000,
    categories: ['Політика'],
    declaredLang,
    feedTopics: ['politics'],
  };
}

describe('tagStory', () => {
  it('stores the language the text shows, even when the feed declared auto', () => {
    const url = 'https://www.pravda.com.ua/news/2025/06/10/7516123/';
    expect(tagStory(item(uk, 'auto', url), () => []).story.lang).toBe('uk');
    expect(tagStory(item(ru, 'auto', url), () => []).story.lang).toBe('ru');
    // A Russian item in a feed declared Ukrainian (UA editions carry some) is stored as Russian.
    expect(tagStory(item(ru, 'uk', url), () => []).story.lang).toBe('ru');
  });

  it('asks the classifier with the resolved language and the feed topics, and keeps its answer', () => {
    const calls: Parameters<TopicClassifier>[0][] = [];
    const classify: TopicClassifier = (input) => {
      calls.push(input);
      return ['economy', 'politics'];
    };
    const { story } = tagStory(
      item(ru, 'uk', 'https://www.pravda.com.ua/rus/news/2025/06/10/7516123/'),
      classify,
    );
    expect(calls).toEqual([
      {
        title: ru.title,
        summary: ru.summary,
        categories: ['Політика'],
        lang: 'ru',
        feedTopics: ['politics'],
      },
    ]);
    expect(story.topics).toEqual(['economy', 'politics']);
  });

  it('makes a stored story: own cluster, edition key, no feed-only fields', () => {
    const { story, shingles } = tagStory(
      item(uk, 'uk', 'https://www.pravda.com.ua/news/2025/06/10/7516123/'),
      () => [],
    );
    expect(story.clusterId).toBe('id-1');
    expect(story.editionKey).toBe('pravda#7516123');
    expect(story).not.toHaveProperty('declaredLang');
    expect(story).not.toHaveProperty('feedTopics');
    expect(story).toMatchObject({ id: 'id-1', feedId: 'feed-1', title: uk.title, categories: ['Політика'] });
    expect(shingles).toEqual(shingleSet(uk.title, uk.summary, 'uk'));
    expect(shingles.size).toBeGreaterThan(0);
  });

  it('leaves the edition key out when the URL has none', () => {
    const { story } = tagStory(item(uk, 'uk', 'not a url'), () => []);
    expect(story).not.toHaveProperty('editionKey');
  });
});
