import { describe, expect, it } from 'vitest';
import { digestInputKey, digestWindow } from '../../../../src/core/digest/digest-input-key.js';
import {
  FOLLOWED_SECTION,
  type DigestCandidate,
  type DigestInputs,
} from '../../../../src/core/digest/digest-types.js';
import { selectDigest } from '../../../../src/core/digest/select-digest.js';
import type { Story } from '../../../../src/core/types.js';

const NOW = Date.parse('2025-06-10T09:00:00Z');
const WINDOW = { from: NOW - 12 * 3600_000, to: NOW };
const LIMITS = { perTopic: 5, total: 20 };

let seq = 0;
function story(partial: Partial<Story> & { title: string }): Story {
  seq += 1;
  const id = partial.id ?? `s${seq}`;
  return {
    id,
    feedId: 'f',
    outlet: 'УП',
    url: `https://example.ua/${id}`,
    summary: '',
    publishedAt: NOW - 3600_000,
    fetchedAt: NOW,
    categories: [],
    lang: 'uk',
    topics: ['politics'],
    clusterId: id,
    ...partial,
  };
}
const c = (s: Story, sources = 1, otherEdition?: Story): DigestCandidate => ({
  story: s,
  sources,
  ...(otherEdition ? { otherEdition } : {}),
});
const inputs = (over: Partial<DigestInputs> = {}): DigestInputs => ({
  lang: 'uk',
  topics: ['politics', 'war'],
  follow: [],
  mute: [],
  allowOtherLang: false,
  timezone: 'Europe/Kyiv',
  ...over,
});
const titles = (candidates: DigestCandidate[], over: Partial<DigestInputs> = {}, limits = LIMITS) =>
  selectDigest(candidates, inputs(over), WINDOW, limits).sections.map((s) => [
    s.topic,
    s.entries.map((e) => `${e.story.title}${e.otherLang ? ' [other]' : ''}`),
  ]);

describe('selectDigest', () => {
  const ukWar = story({ title: 'Обстріл Харкова', topics: ['war'] });
  const ukPol = story({ title: 'Рада ухвалила закон', topics: ['politics'] });
  const ukSport = story({ title: 'Динамо виграло', topics: ['sport'] });
  const ruOnly = story({ title: 'Только на русском', lang: 'ru', topics: ['politics'] });
  const ukEd = story({ title: 'Уряд затвердив бюджет', topics: ['politics'] });
  const ruEd = story({ title: 'Правительство утвердило бюджет', lang: 'ru', topics: ['politics'] });
  const old = story({ title: 'Стара новина', publishedAt: NOW - 30 * 3600_000 });
  const dupA = story({ title: 'Кластер А', clusterId: 'k1', publishedAt: NOW - 7200_000 });
  const dupB = story({ title: 'Кластер Б', clusterId: 'k1', publishedAt: NOW - 600_000 });

  const cases: {
    name: string;
    candidates: DigestCandidate[];
    over?: Partial<DigestInputs>;
    expected: unknown;
  }[] = [
    {
      name: 'groups by topic in the chat order',
      candidates: [c(ukWar), c(ukPol)],
      expected: [
        ['politics', ['Рада ухвалила закон']],
        ['war', ['Обстріл Харкова']],
      ],
    },
    {
      name: 'topic order follows the chat',
      candidates: [c(ukWar), c(ukPol)],
      over: { topics: ['war', 'politics'] },
      expected: [
        ['war', ['Обстріл Харкова']],
        ['politics', ['Рада ухвалила закон']],
      ],
    },
    { name: 'other topics are left out', candidates: [c(ukSport)], expected: [] },
    {
      name: 'followed keyword brings an off-topic story',
      candidates: [c(ukSport)],
      over: { follow: ['динамо'] },
      expected: [[FOLLOWED_SECTION, ['Динамо виграло']]],
    },
    {
      name: 'muted keyword removes a story (stem match)',
      candidates: [c(ukWar), c(ukPol)],
      over: { mute: ['харк'] },
      expected: [['politics', ['Рада ухвалила закон']]],
    },
    { name: 'other-language-only story left out by default', candidates: [c(ruOnly)], expected: [] },
    {
      name: 'other-language-only story included and marked when allowed',
      candidates: [c(ruOnly)],
      over: { allowOtherLang: true },
      expected: [['politics', ['Только на русском [other]']]],
    },
    {
      name: 'paired story: the reader edition',
      candidates: [c(ruEd, 1, ukEd)],
      expected: [['politics', ['Уряд затвердив бюджет']]],
    },
    {
      name: 'paired story once even when both editions are candidates',
      candidates: [c(ruEd, 1, ukEd), c(ukEd)],
      over: { allowOtherLang: true },
      expected: [['politics', ['Уряд затвердив бюджет']]],
    },
    { name: 'outside the window', candidates: [c(old)], expected: [] },
    {
      name: 'one entry per cluster, the newest stands for it',
      candidates: [c(dupA, 3), c(dupB, 3)],
      expected: [['politics', ['Кластер Б']]],
    },
  ];
  it.each(cases)('$name', ({ candidates, over, expected }) => {
    expect(titles(candidates, over)).toEqual(expected);
  });

  it('ranks by cluster size, then recency', () => {
    const small = story({ title: 'мала', publishedAt: NOW - 60_000 });
    const big = story({ title: 'велика', publishedAt: NOW - 7200_000 });
    const mid = story({ title: 'середня новіша', publishedAt: NOW - 120_000 });
    const mid2 = story({ title: 'середня старша', publishedAt: NOW - 240_000 });
    expect(titles([c(small, 1), c(mid2, 2), c(big, 5), c(mid, 2)])).toEqual([
      ['politics', ['велика', 'середня новіша', 'середня старша', 'мала']],
    ]);
  });

  it('caps per topic and in total', () => {
    const many = Array.from({ length: 8 }, (_, i) => c(story({ title: `п${i}`, topics: ['politics'] })));
    const war = Array.from({ length: 8 }, (_, i) => c(story({ title: `в${i}`, topics: ['war'] })));
    const digest = selectDigest([...many, ...war], inputs(), WINDOW, { perTopic: 5, total: 7 });
    const sizes = digest.sections.map((s) => s.entries.length);
    expect(sizes.every((n) => n <= 5)).toBe(true);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(7);
  });
});

describe('digestInputKey and digestWindow', () => {
  it('equal inputs and window share a key; any input difference changes it', () => {
    const w = digestWindow(NOW - 3600_000, NOW + 15_000);
    const base = digestInputKey(inputs({ follow: ['a', 'b'] }), w);
    expect(digestInputKey(inputs({ follow: ['b', 'a'] }), w)).toBe(base);
    for (const over of [
      { lang: 'ru' as const },
      { topics: ['war', 'politics'] },
      { mute: ['x'] },
      { allowOtherLang: true },
      { timezone: 'UTC' },
    ]) {
      expect(digestInputKey({ ...inputs({ follow: ['a', 'b'] }), ...over }, w)).not.toBe(base);
    }
    expect(digestInputKey(inputs({ follow: ['a', 'b'] }), digestWindow(NOW - 7200_000, NOW))).not.toBe(base);
  });

  it('scheduled windows start at the previous digest, at most 24 h back, and end on a whole minute', () => {
    expect(digestWindow(undefined, NOW + 30_000)).toEqual({ from: NOW - 86_400_000, to: NOW });
    expect(digestWindow(NOW - 100 * 3600_000, NOW)).toEqual({ from: NOW - 86_400_000, to: NOW });
    expect(digestWindow(NOW - 3600_000, NOW + 59_000)).toEqual({ from: NOW - 3600_000, to: NOW });
  });

  it('a /digest window ends now, and the next window starts exactly where it ended (no story twice)', () => {
    const manual = digestWindow(NOW - 3600_000, NOW + 20_000, true);
    expect(manual).toEqual({ from: NOW - 3600_000, to: NOW + 20_000 });
    const scheduled = digestWindow(manual.to, NOW + 3600_000 + 5_000);
    expect(scheduled).toEqual({ from: NOW + 20_000, to: NOW + 3600_000 });
    // A tick in the same minute as the manual digest gets an empty window, not an overlapping one.
    expect(digestWindow(manual.to, NOW + 40_000)).toEqual({ from: NOW, to: NOW });
  });
});
