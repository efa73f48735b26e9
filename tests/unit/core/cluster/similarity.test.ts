import { describe, expect, it } from 'vitest';
import { shingleSet } from '../../../../src/core/cluster/shingles.js';
import {
  CLUSTER_THRESHOLD,
  CLUSTER_WINDOW_MS,
  chooseCluster,
  lshBands,
  minHashSignature,
  similarity,
  type ClusterCandidate,
} from '../../../../src/core/cluster/similarity.js';

describe('similarity', () => {
  const cases: { name: string; a: string[]; b: string[]; expected: number }[] = [
    { name: 'identical', a: ['x', 'y'], b: ['x', 'y'], expected: 1 },
    { name: 'disjoint', a: ['x'], b: ['y'], expected: 0 },
    { name: 'one of three shared', a: ['x', 'y'], b: ['y', 'z'], expected: 1 / 3 },
    { name: 'subset', a: ['x'], b: ['x', 'y', 'z', 'w'], expected: 0.25 },
    { name: 'both empty', a: [], b: [], expected: 0 },
    { name: 'one empty', a: ['x'], b: [], expected: 0 },
  ];
  it.each(cases)('$name', ({ a, b, expected }) => {
    expect(similarity(new Set(a), new Set(b))).toBeCloseTo(expected, 10);
    expect(similarity(new Set(b), new Set(a))).toBeCloseTo(expected, 10);
  });
});

describe('minHashSignature / lshBands', () => {
  const shingles = shingleSet('Нацбанк знизив облікову ставку до 13%', 'Рішення ухвалило правління.', 'uk');

  it('is deterministic and has k entries, 16 bands of short keys', () => {
    const signature = minHashSignature(shingles);
    expect(signature).toHaveLength(32);
    expect(minHashSignature(new Set([...shingles].reverse()))).toEqual(signature);
    const bands = lshBands(signature);
    expect(bands).toHaveLength(16);
    expect(new Set(bands.map((band) => band.split(':')[0])).size).toBe(16);
    expect(bands.every((band) => band.length <= 10)).toBe(true);
    expect(minHashSignature(shingles, 64)).toHaveLength(64);
  });

  it('estimates Jaccard similarity', () => {
    const a = new Set(Array.from({ length: 200 }, (_, index) => `w${index}`));
    const b = new Set(Array.from({ length: 200 }, (_, index) => `w${index + 100}`));
    const left = minHashSignature(a, 256);
    const right = minHashSignature(b, 256);
    const agreeing = left.filter((value, index) => value === right[index]).length / left.length;
    expect(agreeing).toBeGreaterThan(1 / 3 - 0.1);
    expect(agreeing).toBeLessThan(1 / 3 + 0.1);
  });

  it('gives no signature and no bands for an empty set, so empty stories never share a bucket', () => {
    expect(minHashSignature(new Set())).toEqual([]);
    expect(lshBands([])).toEqual([]);
  });

  it('shares no band between unrelated stories of different subjects', () => {
    const other = shingleSet('Синоптики прогнозують спеку до +35', 'На півдні буде сухо.', 'uk');
    const bands = new Set(lshBands(minHashSignature(shingles)));
    expect(lshBands(minHashSignature(other)).filter((band) => bands.has(band))).toEqual([]);
  });
});

describe('chooseCluster', () => {
  const now = Date.UTC(2026, 10, 25, 12);
  const story = {
    shingles: shingleSet('НБУ знизив облікову ставку до 13%', '', 'uk'),
    publishedAt: now,
    lang: 'uk' as const,
  };
  const close = shingleSet('Нацбанк знизив облікову ставку до 13% річних', '', 'uk');
  const exact = shingleSet('НБУ знизив облікову ставку до 13%', 'Правління ухвалило рішення.', 'uk');
  const unrelated = shingleSet('Синоптики прогнозують спеку до +35', '', 'uk');
  const candidate = (clusterId: string, shingles: Set<string>, publishedAt = now, lang: 'uk' | 'ru' = 'uk') =>
    ({ clusterId, shingles, publishedAt, lang }) satisfies ClusterCandidate;

  const cases: { name: string; candidates: ClusterCandidate[]; expected: string | undefined }[] = [
    { name: 'no candidates', candidates: [], expected: undefined },
    { name: 'a similar story joins its cluster', candidates: [candidate('c1', close)], expected: 'c1' },
    { name: 'an unrelated story does not', candidates: [candidate('c1', unrelated)], expected: undefined },
    {
      name: 'the best candidate wins, whatever the order',
      candidates: [candidate('c1', close), candidate('c2', exact), candidate('c3', unrelated)],
      expected: 'c2',
    },
    {
      name: 'exactly 36 h earlier is inside the window',
      candidates: [candidate('c1', close, now - CLUSTER_WINDOW_MS)],
      expected: 'c1',
    },
    {
      name: 'exactly 36 h later is inside the window',
      candidates: [candidate('c1', close, now + CLUSTER_WINDOW_MS)],
      expected: 'c1',
    },
    {
      name: 'one millisecond past 36 h is outside',
      candidates: [
        candidate('c1', exact, now - CLUSTER_WINDOW_MS - 1),
        candidate('c2', close, now - 3600_000),
      ],
      expected: 'c2',
    },
    {
      name: 'another language never matches, even with identical shingles',
      candidates: [candidate('c1', story.shingles, now, 'ru')],
      expected: undefined,
    },
  ];
  it.each(cases)('$name', ({ candidates, expected }) => {
    expect(chooseCluster(story, candidates)).toBe(expected);
  });

  it('uses CLUSTER_THRESHOLD as the cut-off (inclusive)', () => {
    const score = similarity(story.shingles, close);
    expect(score).toBeGreaterThanOrEqual(CLUSTER_THRESHOLD);
    expect(chooseCluster(story, [candidate('c1', close)], score)).toBe('c1');
    expect(chooseCluster(story, [candidate('c1', close)], score + 1e-9)).toBeUndefined();
  });

  it('is 36 hours', () => {
    expect(CLUSTER_WINDOW_MS).toBe(129_600_000);
  });
});
