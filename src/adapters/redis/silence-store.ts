import type { Redis } from 'ioredis';
import type { Keys } from './keys.js';

/** When each feed last brought a story we had not seen, and which feeds have an open silent incident. */
export class SilenceStore {
  constructor(
    private readonly redis: Redis,
    private readonly keys: Keys,
  ) {}

  /** Records new items at `at` and closes any open incident; true when an incident was open. */
  async noteNewItems(feedId: string, at: number): Promise<boolean> {
    const [, ended] =
      (await this.redis
        .multi()
        .hset(this.keys.feedsLastNew(), feedId, at)
        .del(this.keys.feedSilent(feedId))
        .exec()) ?? [];
    return ended?.[1] === 1;
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
