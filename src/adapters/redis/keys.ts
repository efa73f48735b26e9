import type { Lang } from '../../core/types.js';

/**
 * Every Redis key newsdigest writes, in one place: stores take their keys from here, and no other file builds one.
 *
 * The slot plan (Redis Cluster; the same names on one Redis, where hash tags are harmless). A key without a `{tag}`
 * hashes whole, so records keyed by an id (a chat, a feed, a digest's ledger, a cluster's breaking state) spread
 * over every master. A `{tag}` puts keys in one slot on purpose, only where one MULTI or script needs them together:
 * each BullMQ queue (`{bull:<queue>}`), the delivery schedule (`{dl}`), the token's outgoing budget (`{tg}`). A
 * single index (a set, a hash, a sorted set) is one key, so always one slot. Writes that touch a record and an
 * index in different slots are ordered single-slot steps (see the stores), never one MULTI. REDIS_PREFIX must
 * therefore hold no `{tag}` of its own on a Cluster (config.ts refuses it): it would pull every key into one slot.
 */
export function createKeys(prefix: string) {
  return {
    prefix,

    // Stories (StoryStore, SeenStore, DigestCandidates). Redis Cluster slot plan of the story side:
    // - per-story data is sharded by story id (`{<id>}`), so stories spread over all masters;
    // - the clustering group, `{clu}`, is deliberately ONE slot: a clustering decision compares a story with
    //   candidates of both languages (a UA and a RU report of one event are one cluster), and the checked save
    //   that commits it must see every band it read, the candidates' records and the cluster sources atomically
    //   in one script. Its cost is small next to the rest (see SCALING.md), so one master carries it;
    // - the topic and language indexes, `{idx}`, are read together by one digest pipeline;
    // - the new-story stream has its own tag.
    story: (id: string) => `${prefix}:story:{${id}}`,
    seen: (id: string) => `${prefix}:seen:{${id}}`,
    topicIndex: (lang: Lang, topic: string) => `${prefix}:{idx}:${lang}:${topic}`,
    langIndex: (lang: Lang) => `${prefix}:{idx}:${lang}:*all`,
    edition: (key: string) => `${prefix}:ed:{${key}}`,
    /** Start of every `{clu}` key: the clustering scripts build record keys from it (same slot by construction). */
    clusterGroup: () => `${prefix}:{clu}:`,
    /** What clustering compares a later story with (cluster, language, time, features), for the window only. */
    clusterRecord: (id: string) => `${prefix}:{clu}:rec:${id}`,
    /** Commits so far: a checked save whose read saw the same number knows no band changed since. */
    clusterSequence: () => `${prefix}:{clu}:seq`,
    /** An LSH band: stories of both languages whose MinHash row picked the same word, by publication time. */
    lshBand: (band: string) => `${prefix}:{clu}:lsh:${band}`,
    clusterSources: (clusterId: string) => `${prefix}:{clu}:cl:${clusterId}`,
    /**
     * Last resort of lock-free clustering: a story whose checked save keeps losing the race holds this for one
     * round, and every other checked save is refused meanwhile (nobody waits on it in the normal case).
     */
    clusterTurn: () => `${prefix}:{clu}:turn`,

    // Feeds (FeedStore, SilenceStore)
    feedIds: () => `${prefix}:feeds`,
    feed: (id: string) => `${prefix}:feed:${id}`,
    feedHealth: (id: string) => `${prefix}:feed:${id}:health`,
    feedsDue: () => `${prefix}:feeds:due`,
    /** Feeds an operator removed; the feeds file does not bring them back at the next start. */
    feedsRemoved: () => `${prefix}:feeds:removed`,
    /** Hash: feed id -> time (ms) it last brought a story we had not seen. */
    feedsLastNew: () => `${prefix}:feeds:last-new`,
    /** Marker of an open silent-feed incident, set NX so one alert is raised per incident. */
    feedSilent: (id: string) => `${prefix}:feed:${id}:silent`,
    topicOverrides: () => `${prefix}:topics`,
    /** Hash: operator id -> the language (uk, ru, en) their replies and alerts are in. */
    operatorLocales: () => `${prefix}:ops:locale`,

    // Event streams
    alerts: () => `${prefix}:events:alerts`,
    /** Operators who already got one alerts-stream entry. */
    alertSentTo: (entryId: string) => `${prefix}:events:alerts:sent:${entryId}`,
    newStories: () => `${prefix}:events:{stories}`,

    // Chats (ChatStore)
    chat: (id: string) => `${prefix}:chat:${id}`,
    /** Start of every chat record key; index keys below have a `*` segment after it, records never do. */
    chatRecordPrefix: () => `${prefix}:chat:`,
    chatsActive: () => `${prefix}:chat:*active`,
    chatKeysOf: (chatId: number) => `${prefix}:chat:*of:${chatId}`,
    chatsLinkedBy: (userId: number) => `${prefix}:chat:*user:${userId}`,

    // Delivery (DeliveryStore, DeliveryStats). The schedule (`{dl}`: due, last digests, strikes and the instant
    // queues) is one slot: the minute tick claims and commits many chats in one script or MULTI, and an instant
    // tick moves a chat's queued stories to processing with SUNIONSTORE. Built digests and the sent ledgers are
    // per digest, so they spread.
    deliveryDue: () => `${prefix}:{dl}:due`,
    deliveryLast: () => `${prefix}:{dl}:last`,
    /** When each chat's last /digest ended: where its next /digest starts. */
    deliveryManualLast: () => `${prefix}:{dl}:manual:last`,
    deliveryStrikes: () => `${prefix}:{dl}:strikes`,
    deliveryDigest: (id: string) => `${prefix}:dl:dg:${id}`,
    deliveryLedger: (digestId: string) => `${prefix}:dl:sent:${digestId}`,
    /** Counters of the delivery guarantee (uncertain resends). */
    deliveryCounters: () => `${prefix}:dl:counters`,
    instantChats: () => `${prefix}:{dl}:inst`,
    instantDue: () => `${prefix}:{dl}:inst:due`,
    instantPending: (chat: string) => `${prefix}:{dl}:inst:q:${chat}`,
    instantLast: () => `${prefix}:{dl}:inst:last`,
    /** Stories an instant tick took and has not yet queued (kept until queued, so a crash loses nothing). */
    instantProcessing: (chat: string) => `${prefix}:{dl}:inst:p:${chat}`,
    instantProcessingIndex: () => `${prefix}:{dl}:inst:p`,
    /** Newest first: jobs that failed for good, kept for operators. */
    deadLetters: () => `${prefix}:dl:dead`,
    deliveryStatsHour: (hour: number) => `${prefix}:stats:deliveries:${hour}`,

    // The bot token's outgoing budget (OutgoingBudget). The `{tg}` hash tag keeps it on one Cluster master: one
    // token, one budget, and its script touches the token's and a chat's windows together.
    budgetWindow: () => `${prefix}:{tg}:w`,
    budgetPenalty: () => `${prefix}:{tg}:pen`,
    budgetChatWindow: (chatId: number) => `${prefix}:{tg}:w:${chatId}`,
    budgetChatPenalty: (chatId: number) => `${prefix}:{tg}:pen:${chatId}`,

    // Worker health (WorkerHealthStore)
    /** Sorted set: worker name -> last beat (ms). */
    workers: () => `${prefix}:ops:workers`,
    /** Time (ms) of the last poll that reached its feed (200 or 304), from any worker. */
    lastPollOk: () => `${prefix}:ops:last-poll-ok`,

    /**
     * BullMQ's prefix for one queue: it builds that queue's keys under it. Every BullMQ script touches several keys
     * of one queue, so each queue is one hash tag (one slot), and different queues land on different masters.
     */
    bullPrefix: (queue: string) => `${prefix}:{bull:${queue}}`,
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
