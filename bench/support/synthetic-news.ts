// Seeded synthetic stories and chat kinds for the delivery benches (bench:fanout, bench:cluster): generated text on
// the built-in topics, not news, so every chat's digest has something to carry.
import type { ChatKind } from '../../src/core/chat/chat-settings.js';
import { storyBands } from '../../src/core/cluster/assign-clusters.js';
import { serialiseFeatures, storyFeatures } from '../../src/core/cluster/story-features.js';
import { BUILTIN_TOPICS } from '../../src/core/topics/builtin-topics.js';
import type { Lang, Story } from '../../src/core/types.js';

const OUTLETS = [
  'ZN.ua',
  'Українська правда',
  'УНІАН',
  'РБК-Україна',
  'LIGA',
  'Інтерфакс-Україна',
  'Укрінформ',
];
const WORDS: Record<Lang, string[]> = {
  uk: 'уряд рада закон обстріл фронт економіка бюджет гривня енергетика україна київ харків зсу переговори санкції'.split(
    ' ',
  ),
  ru: 'правительство рада закон обстрел фронт экономика бюджет гривна энергетика украина киев харьков всу переговоры санкции'.split(
    ' ',
  ),
};
const SLUGS = BUILTIN_TOPICS.map((topic) => topic.slug);

/** A story as the benches save it: the story, its clustering features and its LSH bands. */
export interface SyntheticStory {
  story: Story;
  shingles: string;
  bands: string[];
}

/** One seeded random stream: the same seed gives the same stories and chats, run after run. */
export function syntheticNews(seed: number) {
  let state = seed;
  const rand = () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)] as T;
  const sentence = (lang: Lang, n: number) => Array.from({ length: n }, () => pick(WORDS[lang])).join(' ');

  return {
    rand,
    pick,
    /**
     * `count` stories published in the 20 hours before `now`, a third in Russian, each on one or two built-in
     * topics; every fifth shares a cluster id with the one before. `idPrefix` keeps the benches' ids apart.
     */
    stories(count: number, now: number, idPrefix: string): SyntheticStory[] {
      return Array.from({ length: count }, (_, i) => {
        const lang: Lang = i % 3 === 0 ? 'ru' : 'uk';
        const title = `${sentence(lang, 8)} ${i}`;
        const summary = sentence(lang, 40);
        const story: Story = {
          id: `${idPrefix}${i.toString(36)}x${Math.floor(rand() * 1e9).toString(36)}`,
          feedId: `f${i % 14}`,
          outlet: pick(OUTLETS),
          url: `https://news.example.ua/${lang}/${i}-${sentence(lang, 3).replace(/ /g, '-')}.html`,
          title,
          summary,
          publishedAt: now - Math.floor(rand() * 20 * 3600_000),
          fetchedAt: now,
          categories: [],
          lang,
          topics: [pick(SLUGS), ...(rand() < 0.3 ? [pick(SLUGS)] : [])],
          clusterId: '',
        };
        story.clusterId = i % 5 === 4 ? `c${i - 1}` : story.id;
        const features = storyFeatures(title, summary, lang, story.outlet);
        return { story, shingles: serialiseFeatures(features), bands: storyBands(features) };
      });
    },
    /** The benches' mix of chats: 70 % private, 15 % groups, 10 % supergroups, 5 % channels. */
    chatKind(): ChatKind {
      const roll = rand();
      return roll < 0.7 ? 'private' : roll < 0.85 ? 'group' : roll < 0.95 ? 'supergroup' : 'channel';
    },
  };
}
