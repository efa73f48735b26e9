import type { RedisClient } from './redis-client.js';
import type { Lang } from '../../core/types.js';
import type { Keys } from './keys.js';
import { luaScript, runScript } from './lua-script.js';

/**
 * Newest members of each LSH band compared with a new story (both languages share a band key). Reads never look
 * further, so a band is trimmed to this many once it is full: older members could never be read again.
 */
export const CANDIDATES_PER_BAND = 8;

/**
 * Records a worker keeps after reading them (about 1.6 KB each, 8 MB in all): the recent stories that keep
 * turning up as candidates. An older one is read again, which costs one script call per batch.
 */
const HELD_RECORDS = 5_000;

/*
 * Every key of the scripts is in the `{clu}` slot (keys.ts). Record keys of band members are built from the
 * group prefix inside COMMIT: they cannot be known before the bands are read, and the shared hash tag puts them
 * in the same slot by construction.
 *
 * READ_BANDS. KEYS: the sequence counter, then band keys. ARGV: candidates per band. Returns the sequence number,
 * then one member list per band.
 */
const READ_BANDS = luaScript(`
local last = tonumber(ARGV[1]) - 1
local out = { redis.call('GET', KEYS[1]) or '0' }
for i = 2, #KEYS do out[#out + 1] = redis.call('ZREVRANGE', KEYS[i], 0, last) end
return out
`);

/*
 * READ_RECORDS. KEYS: clustering records. Returns, per key, the record (false when gone) and its time to live in
 * ms, so a worker can keep a record until exactly when Redis drops it.
 */
const READ_RECORDS = luaScript(`
local out = {}
for i = 1, #KEYS do
  out[#out + 1] = redis.call('GET', KEYS[i])
  out[#out + 1] = redis.call('PTTL', KEYS[i])
end
return out
`);

/*
 * The checked save of a batch: the commit point of lock-free clustering. Stories are taken in batch order; each is
 * stored only if the decision made for it still holds:
 * - no other process committed anything since the read (the sequence counter is unchanged), or else every member
 *   now among the newest of its bands was read, or belongs to the cluster the story joined (a new member of that
 *   cluster cannot change the decision), and the stored candidate that decided it is still among them;
 * - each earlier batch story whose cluster it joined is stored in that cluster;
 * - nobody else holds the clustering turn (the last-resort lock).
 * KEYS: sequence, turn, then per story: record, cluster sources, band keys, records of the batch stories it joined.
 * ARGV: turn token, group prefix, window ms, retention ms, candidates per band, sequence read, checked (1/0), story
 * count; per story: id, record, cluster id, outlet, publishedAt, band count, dependency count, compared count,
 * matched (1/0), deciding candidate id (or ''), full-band flags ('f' or '-' per band, as read), dependency cluster
 * ids, compared ids.
 * Replies, per story: { 1 } stored; { 0, cluster id } already stored; { -2, '', unseen } decide again with the
 * unseen members (id, record or '' pairs) added to what was read; { -1 } read again (a batch story it joined was not
 * stored, or the deciding candidate left the newest of its bands); { -3 } another job holds the turn.
 */
const COMMIT = luaScript(`
local turn = redis.call('GET', KEYS[2])
local blocked = turn and turn ~= ARGV[1]
local group, window, retention = ARGV[2], ARGV[3], ARGV[4]
local perBand = tonumber(ARGV[5])
local checked = ARGV[7] == '1'
local unchanged = (redis.call('GET', KEYS[1]) or '0') == ARGV[6]
local k, a = 3, 9
local out, stored = {}, 0
for s = 1, tonumber(ARGV[8]) do
  local id, record, clusterId, outlet, publishedAt = ARGV[a], ARGV[a + 1], ARGV[a + 2], ARGV[a + 3], ARGV[a + 4]
  local nBands, nDeps, nCompared = tonumber(ARGV[a + 5]), tonumber(ARGV[a + 6]), tonumber(ARGV[a + 7])
  local matched, best, full = ARGV[a + 8] == '1', ARGV[a + 9], ARGV[a + 10]
  local depsAt = a + 11
  local comparedAt = depsAt + nDeps
  a = comparedAt + nCompared
  local recordKey, sourcesKey, firstBand = KEYS[k], KEYS[k + 1], k + 2
  local firstDep = firstBand + nBands
  k = firstDep + nDeps
  local existing = redis.call('GET', recordKey)
  if existing then
    out[#out + 1] = { 0, string.match(existing, '^%S+') }
  else
    local ok = not (checked and blocked)
    if ok and checked then
      for d = 0, nDeps - 1 do
        local dep = redis.call('GET', KEYS[firstDep + d])
        local expected = ARGV[depsAt + d] .. ' '
        if not dep or string.sub(dep, 1, #expected) ~= expected then ok = false; break end
      end
    end
    local unseen, code = {}, blocked and checked and -3 or -1
    if ok and checked and not unchanged then
      local compared, sawBest = {}, best == ''
      for i = comparedAt, comparedAt + nCompared - 1 do compared[ARGV[i]] = true end
      local prefix = clusterId .. ' '
      for b = firstBand, firstDep - 1 do
        local members = redis.call('ZREVRANGE', KEYS[b], 0, perBand - 1)
        full = string.sub(full, 1, b - firstBand) .. (#members >= perBand and 'f' or '-') .. string.sub(full, b - firstBand + 2)
        for _, member in ipairs(members) do
          if member == best then sawBest = true end
          if not compared[member] then
            compared[member] = true
            local other = redis.call('GET', group .. 'rec:' .. member)
            if not (matched and other and string.sub(other, 1, #prefix) == prefix) then
              ok = false
              code = -2
              unseen[#unseen + 1] = member
              unseen[#unseen + 1] = other or ''
            end
          end
        end
      end
      if not sawBest then ok = false; code = -1 end
    end
    if ok then
      redis.call('SET', recordKey, record, 'PX', window)
      redis.call('SADD', sourcesKey, outlet)
      redis.call('PEXPIRE', sourcesKey, retention)
      for b = firstBand, firstDep - 1 do
        redis.call('ZADD', KEYS[b], publishedAt, id)
        if string.sub(full, b - firstBand + 1, b - firstBand + 1) ~= '-' then
          redis.call('ZREMRANGEBYRANK', KEYS[b], 0, -(perBand + 1))
        end
        redis.call('PEXPIRE', KEYS[b], window)
      end
      stored = stored + 1
      out[#out + 1] = { 1, '' }
    else
      out[#out + 1] = { code, '', unseen }
    end
  end
end
if stored > 0 then redis.call('INCRBY', KEYS[1], stored) end
return out
`);

/** A stored story as clustering compares it. */
export interface ClusterCandidate {
  id: string;
  clusterId: string;
  publishedAt: number;
  lang: Lang;
  /** Serialised features (story-features.ts). */
  shingles: string;
}

/** What one read of a batch's bands found. */
export interface CandidateRead {
  /** Commit counter at the time of the read: a commit seeing the same number knows nothing changed since. */
  sequence: string;
  /** Per story: its candidates and every band member read for it (also those whose record expired). */
  stories: { candidates: ClusterCandidate[]; members: string[]; fullBands: string }[];
}

/** A clustering decision to commit. */
export interface ClusterCommit {
  id: string;
  lang: Lang;
  clusterId: string;
  publishedAt: number;
  outlet: string;
  shingles: string;
  bands: readonly string[];
  /** Stored candidates and batch stories this decision looked at. */
  compared: readonly string[];
  /** Earlier batch stories whose cluster this one joined: they must be stored in it. */
  dependsOn: readonly { id: string; clusterId: string }[];
  /** Joined an existing cluster (false: started its own). */
  matched: boolean;
  /** The stored candidate whose cluster it joined, when that was a stored one. */
  decidedBy?: string;
  /** Per band, 'f' when the read found it full (the commit then trims it), '-' otherwise. */
  fullBands: string;
}

export type CommitOutcome =
  | { kind: 'stored' }
  | { kind: 'duplicate'; clusterId: string }
  /** Members stored since the read that may change the decision: add them and decide again. */
  | { kind: 'conflict'; unseen: ClusterCandidate[]; unseenIds: string[] }
  /** The decision cannot be patched: read the story's bands again. */
  | { kind: 'stale' }
  /** Another job holds the clustering turn: wait for it, then read again. */
  | { kind: 'blocked' };

export interface ClusterStoreOptions {
  /** How long a story stays a candidate (its record and bands). */
  clusterWindowMs: number;
  /** How long cluster sources are kept (as long as the stories). */
  retentionMs: number;
}

/** `clusterId lang publishedAt shingles…`: everything clustering compares, in one short string. */
function clusterRecord(entry: ClusterCommit): string {
  return `${entry.clusterId} ${entry.lang} ${entry.publishedAt} ${entry.shingles}`;
}

function parseClusterRecord(
  id: string,
  record: string | null | false | undefined,
): ClusterCandidate | undefined {
  if (!record) return undefined;
  const [clusterId, lang, publishedAt] = record.split(' ', 3);
  if (!clusterId || (lang !== 'uk' && lang !== 'ru') || publishedAt === undefined) return undefined;
  const shingles = record.slice(clusterId.length + lang.length + publishedAt.length + 3);
  return { id, clusterId, lang, publishedAt: Number(publishedAt), shingles };
}

/**
 * The clustering group (`{clu}`, one slot): LSH bands of both languages, the candidates' records and cluster
 * sources. Read with one script per batch (and one more for records this worker does not hold), committed with one
 * checked script per batch; no lock.
 */
export class ClusterStore {
  /** Records read before, oldest first, with when Redis drops them. */
  private readonly holding = new Map<string, { candidate: ClusterCandidate; expiresAt: number }>();

  constructor(
    private readonly redis: RedisClient,
    private readonly keys: Keys,
    private readonly options: ClusterStoreOptions,
  ) {}

  /**
   * The candidates of each story (by its band list): one script reads every band of the batch, a second the
   * records this worker does not hold yet. A record never changes once stored, so a held one is used until the
   * moment Redis expires it; hot candidates (every band has a few) then cross the wire once per worker, not once
   * per batch.
   */
  async read(bandLists: readonly (readonly string[])[]): Promise<CandidateRead> {
    const unique = [...new Set(bandLists.flat())];
    const reply = (await runScript(
      this.redis,
      READ_BANDS,
      [this.sequenceKey(), ...unique.map((band) => this.keys.lshBand(band))],
      [CANDIDATES_PER_BAND],
    )) as [string, ...string[][]];
    const membersOf = new Map<string, string[]>();
    unique.forEach((band, index) => membersOf.set(band, reply[index + 1] as string[]));
    const byId = await this.records(new Set([...membersOf.values()].flat()));
    return {
      sequence: String(reply[0]),
      stories: bandLists.map((bands) => {
        const members = [...new Set(bands.flatMap((band) => membersOf.get(band) ?? []))];
        return {
          members,
          candidates: members
            .map((id) => byId.get(id))
            .filter((candidate): candidate is ClusterCandidate => candidate !== undefined),
          fullBands: bands
            .map((band) => ((membersOf.get(band)?.length ?? 0) >= CANDIDATES_PER_BAND ? 'f' : '-'))
            .join(''),
        };
      }),
    };
  }

  /** The records of `ids` that still exist: held ones from memory, the others read in one script call. */
  private async records(ids: ReadonlySet<string>): Promise<Map<string, ClusterCandidate>> {
    const now = Date.now();
    const found = new Map<string, ClusterCandidate>();
    const missing: string[] = [];
    for (const id of ids) {
      const held = this.holding.get(id);
      if (held && held.expiresAt > now) found.set(id, held.candidate);
      else missing.push(id);
    }
    if (missing.length === 0) return found;
    const reply = (await runScript(
      this.redis,
      READ_RECORDS,
      missing.map((id) => this.keys.clusterRecord(id)),
      [],
    )) as (string | null | false | number)[];
    missing.forEach((id, index) => {
      const candidate = parseClusterRecord(id, reply[2 * index] as string | null | false);
      if (!candidate) return;
      found.set(id, candidate);
      const ttl = Number(reply[2 * index + 1]);
      this.hold(id, candidate, ttl >= 0 ? now + ttl : Number.POSITIVE_INFINITY);
    });
    return found;
  }

  /** The record this store holds for `id`, if any (the same object every read hands out). */
  heldRecord(id: string): ClusterCandidate | undefined {
    return this.holding.get(id)?.candidate;
  }

  private hold(id: string, candidate: ClusterCandidate, expiresAt: number): void {
    this.holding.delete(id);
    this.holding.set(id, { candidate, expiresAt });
    if (this.holding.size > HELD_RECORDS) this.holding.delete(this.holding.keys().next().value as string);
  }

  /**
   * Commits decisions in batch order (see COMMIT). `sequence` is the read's; `checked: false` stores without any
   * check (seeding and tests that set cluster ids themselves). `turnToken` is the last-resort lock's, when held.
   */
  async commit(
    entries: readonly ClusterCommit[],
    options: { sequence: string; checked: boolean; turnToken?: string },
  ): Promise<CommitOutcome[]> {
    if (entries.length === 0) return [];
    const keys = [this.sequenceKey(), this.keys.clusterTurn()];
    const args: (string | number)[] = [
      options.turnToken ?? '',
      this.keys.clusterGroup(),
      this.options.clusterWindowMs,
      this.options.retentionMs,
      CANDIDATES_PER_BAND,
      options.sequence,
      options.checked ? '1' : '0',
      entries.length,
    ];
    // Each record as stored: sent to the script, and held afterwards for the stories the script stored.
    const records = entries.map(clusterRecord);
    entries.forEach((entry, index) => {
      keys.push(
        this.keys.clusterRecord(entry.id),
        this.keys.clusterSources(entry.clusterId),
        ...entry.bands.map((band) => this.keys.lshBand(band)),
        ...entry.dependsOn.map((dependency) => this.keys.clusterRecord(dependency.id)),
      );
      args.push(
        entry.id,
        records[index] as string,
        entry.clusterId,
        entry.outlet,
        Number.isFinite(entry.publishedAt) ? entry.publishedAt : 0,
        entry.bands.length,
        entry.dependsOn.length,
        entry.compared.length,
        entry.matched ? '1' : '0',
        entry.decidedBy ?? '',
        entry.fullBands,
        ...entry.dependsOn.map((dependency) => dependency.clusterId),
        ...entry.compared,
      );
    });
    const sentAt = Date.now();
    const reply = (await runScript(this.redis, COMMIT, keys, args)) as [number, string, string[]?][];
    return entries.map((entry, index): CommitOutcome => {
      const [code, clusterId, unseen = []] = reply[index] ?? [-1, ''];
      if (code === 1) {
        // This worker's own stories are the next batches' likeliest candidates: hold them from the start. Redis
        // set their expiry after `sentAt`, so expiring the copy at sentAt + window is never late.
        const stored = parseClusterRecord(entry.id, records[index]);
        if (stored) this.hold(entry.id, stored, sentAt + this.options.clusterWindowMs);
        return { kind: 'stored' };
      }
      if (code === 0) return { kind: 'duplicate', clusterId };
      if (code === -3) return { kind: 'blocked' };
      if (code === -1) return { kind: 'stale' };
      const found: ClusterCandidate[] = [];
      const unseenIds: string[] = [];
      for (let i = 0; i + 1 < unseen.length; i += 2) {
        const id = unseen[i] as string;
        unseenIds.push(id);
        const candidate = parseClusterRecord(id, unseen[i + 1]);
        if (candidate) found.push(candidate);
      }
      return { kind: 'conflict', unseen: found, unseenIds };
    });
  }

  private sequenceKey(): string {
    return this.keys.clusterSequence();
  }
}
