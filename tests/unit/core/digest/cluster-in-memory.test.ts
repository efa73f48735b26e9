import { describe, expect, it } from 'vitest';
import { clusterInMemory } from '../../../../src/core/digest/cluster-in-memory.js';
import { tagStory } from '../../../../src/core/ingest/tag-story.js';
import type { Lang } from '../../../../src/core/types.js';
import { LABELLED_PAIRS, type LabelledStory } from '../../../fixtures/cluster/labelled-pairs.js';

const T0 = Date.parse('2025-06-10T06:00:00Z');
const MIN = 60_000;
let seq = 0;

function tagged(text: LabelledStory, lang: Lang, outlet: string, publishedAt: number) {
  seq += 1;
  return tagStory(
    {
      id: `s${seq}`,
      feedId: outlet,
      outlet,
      url: `https://${outlet}.example/news/${seq}`,
      title: text.title,
      summary: text.summary,
      publishedAt,
      fetchedAt: publishedAt,
      categories: [],
      declaredLang: lang,
      feedTopics: [],
    },
    () => [],
  );
}

const same = LABELLED_PAIRS.filter((pair) => pair.same && pair.lang === 'uk');
const different = LABELLED_PAIRS.find((pair) => !pair.same && pair.lang === 'uk')!;

describe('clusterInMemory', () => {
  it('puts two outlets reporting one event into one view, counting both outlets, newest story shown', () => {
    const pair = same[0]!;
    const older = tagged(pair.a, 'uk', 'unian', T0);
    const newer = tagged(pair.b, 'uk', 'pravda', T0 + 10 * MIN);
    // Input order does not matter: clustering runs oldest first.
    const views = clusterInMemory([newer, older]);
    expect(views).toHaveLength(1);
    expect(views[0]!.sources).toBe(2);
    expect(views[0]!.story.id).toBe(newer.story.id);
    expect(views[0]!.story.clusterId).toBe(older.story.id);
  });

  it('keeps different events apart, newest first', () => {
    const views = clusterInMemory([
      tagged(different.a, 'uk', 'unian', T0),
      tagged(different.b, 'uk', 'pravda', T0 + MIN),
    ]);
    expect(views.map((view) => view.sources)).toEqual([1, 1]);
    expect(views.map((view) => view.story.title)).toEqual([different.b.title, different.a.title]);
  });

  it('counts one outlet once, however many of its stories join', () => {
    const pair = same[1]!;
    const views = clusterInMemory([
      tagged(pair.a, 'uk', 'unian', T0),
      tagged(pair.b, 'uk', 'unian', T0 + MIN),
    ]);
    expect(views).toHaveLength(1);
    expect(views[0]!.sources).toBe(1);
  });

  it('never joins stories of different languages', () => {
    const uk = same[0]!;
    const ru = LABELLED_PAIRS.find((pair) => pair.same && pair.lang === 'ru')!;
    const views = clusterInMemory([tagged(uk.a, 'uk', 'unian', T0), tagged(ru.a, 'ru', 'unian', T0 + MIN)]);
    expect(views).toHaveLength(2);
  });

  it('returns nothing for nothing', () => {
    expect(clusterInMemory([])).toEqual([]);
  });
});
