import { describe, expect, it } from 'vitest';
import { assignClusters } from '../../../../src/core/cluster/assign-clusters.js';
import {
  chooseCluster,
  CLUSTER_WINDOW_MS,
  type ClusterCandidate,
} from '../../../../src/core/cluster/choose-cluster.js';
import { storyFeatures } from '../../../../src/core/cluster/story-features.js';
import type { Lang } from '../../../../src/core/types.js';

const NOW = Date.UTC(2025, 10, 19, 12);
const features = (title: string, lang: Lang = 'uk', outlet = 'a.ua') =>
  storyFeatures(title, '', lang, outlet);
const candidate = (id: string, title: string, publishedAt: number, lang: Lang = 'uk'): ClusterCandidate => ({
  id,
  clusterId: `cluster-${id}`,
  features: features(title, lang, `${id}.ua`),
  publishedAt,
  lang,
});

const TITLE = 'Рада ухвалила держбюджет-2026 у другому читанні: за проголосували 257 депутатів';
const REWORDED = 'Верховна Рада ухвалила держбюджет-2026 у другому читанні, 257 голосів';

describe('chooseCluster', () => {
  it('joins the most similar candidate and says which one and how similar', () => {
    const match = chooseCluster({ features: features(REWORDED), publishedAt: NOW, lang: 'uk' }, [
      candidate('far', 'Погода на завтра: дощі та мокрий сніг', NOW),
      candidate('near', TITLE, NOW - 3600_000),
    ]);
    expect(match?.clusterId).toBe('cluster-near');
    expect(match?.matchedId).toBe('near');
    expect(match?.score).toBeGreaterThan(0.35);
  });

  it('ignores candidates outside the window (edge inclusive) but not those of unknown time', () => {
    const story = { features: features(REWORDED), publishedAt: NOW, lang: 'uk' as const };
    expect(chooseCluster(story, [candidate('c', TITLE, NOW - CLUSTER_WINDOW_MS)])).toBeDefined();
    expect(chooseCluster(story, [candidate('c', TITLE, NOW - CLUSTER_WINDOW_MS - 1)])).toBeUndefined();
    expect(chooseCluster(story, [candidate('c', TITLE, Number.NaN)])).toBeDefined();
  });

  it('joins across languages', () => {
    const match = chooseCluster(
      {
        features: features('Рада приняла госбюджет-2026 во втором чтении: 257 голосов', 'ru'),
        publishedAt: NOW,
        lang: 'ru',
      },
      [candidate('uk', TITLE, NOW)],
    );
    expect(match?.clusterId).toBe('cluster-uk');
  });
});

describe('assignClusters', () => {
  it('clusters oldest first, so the earliest story names the cluster, and keeps unrelated stories apart', () => {
    const result = assignClusters([
      { id: 'late', features: features(REWORDED, 'uk', 'b.ua'), publishedAt: NOW, lang: 'uk' },
      { id: 'early', features: features(TITLE), publishedAt: NOW - 3600_000, lang: 'uk' },
      {
        id: 'other',
        features: features('Погода на завтра: дощі та мокрий сніг'),
        publishedAt: NOW,
        lang: 'uk',
      },
    ]);
    expect(result.map((entry) => entry.clusterId)).toEqual(['early', 'early', 'other']);
    expect(result[0]?.match?.matchedId).toBe('early');
  });
});
