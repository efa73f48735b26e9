import type { Lang } from '../../core/types.js';

/**
 * Every Redis key newsdigest writes, in one place. With Redis Cluster, use a hash-tag prefix such as `{nd}`
 * so multi-key commands and Lua scripts stay in one slot.
 */
export function createKeys(prefix: string) {
  return {
    prefix,
    story: (id: string) => `${prefix}:story:${id}`,
    shingles: (id: string) => `${prefix}:sh:${id}`,
    seen: (id: string) => `${prefix}:seen:${id}`,
    topicIndex: (lang: Lang, topic: string) => `${prefix}:idx:${lang}:${topic}`,
    langIndex: (lang: Lang) => `${prefix}:idx:${lang}:*all`,
    edition: (key: string) => `${prefix}:ed:${key}`,
    lshBand: (lang: Lang, band: string) => `${prefix}:lsh:${lang}:${band}`,
    clusterSources: (clusterId: string) => `${prefix}:cl:${clusterId}`,
    /** Clusters never span languages, so each language has its own clustering lock. */
    clusterLock: (lang: Lang) => `${prefix}:lock:cluster:${lang}`,
    feedIds: () => `${prefix}:feeds`,
    feed: (id: string) => `${prefix}:feed:${id}`,
    feedHealth: (id: string) => `${prefix}:feed:${id}:health`,
    feedsDue: () => `${prefix}:feeds:due`,
    topicOverrides: () => `${prefix}:topics`,
    alerts: () => `${prefix}:events:alerts`,
    newStories: () => `${prefix}:events:stories`,
    bullPrefix: () => `${prefix}:bull`,
    /** Distinct outlets of one cluster, scored by when each first reported it. */
    breakingOutlets: (clusterId: string) => `${prefix}:brk:cl:${clusterId}`,
    /** Set once a cluster was sent as breaking news: never twice. */
    breakingSent: (clusterId: string) => `${prefix}:brk:sent:${clusterId}`,
    /** Breaking messages one chat got per local day (field: YYYY-MM-DD). */
    breakingDaily: (chat: string) => `${prefix}:brk:day:${chat}`,
    /** Operators' threshold (/breaking_threshold): outlets, window minutes, per-day cap. */
    breakingRule: () => `${prefix}:brk:rule`,
  };
}

export type Keys = ReturnType<typeof createKeys>;
