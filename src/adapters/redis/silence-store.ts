import type { RedisClient } from './redis-client.js';
import type { Keys } from './keys.js';

/** When each feed last brought a story we had not seen, and which feeds have an open silent incident. */
export class SilenceStore {
  constructor(
    private readonly redis: RedisClient,
    private readonly keys: Keys,
  ) {}

  /**
   * Records new items at `at` and closes any open incident; true when an incident was open. The hash (every feed)
   * and the marker (one feed) are in different slots: the time first, so a crash between them leaves an open
   * incident whose feed is no longer silent, which the next new item closes.
   */
  async noteNewItems(feedId: string, at: number): Promise<boolean> {
    await this.redis.hset(this.keys.feedsLastNew(), feedId, at);
    return (await this.redis.del(this.keys.feedSilent(feedId))) === 1;
  }

  async lastNewAt(feedId: string): Promise<number | undefined> {
    const raw = await this.redis.hget(this.keys.feedsLastNew(), feedId);
    return raw === null ? undefined : Number(raw);
  }

  /** Starts a feed's clock unless it already runs. */
  async startClock(feedId: string, at: number): Promise<void> {
    await this.redis.hsetnx(this.keys.feedsLastNew(), feedId, at);
  }

  /** Opens an incident (SET NX); true only for the one caller that opened it, so one alert is raised. */
  async openIncident(feedId: string, at: number): Promise<boolean> {
    return (await this.redis.set(this.keys.feedSilent(feedId), String(at), 'NX')) === 'OK';
  }
}
