import type { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';

export type LimitVerdict = 'ok' | 'first_over' | 'over';

export interface PhoneLimiterOptions {
  /** Messages one phone may send per window, across all channels. */
  points: number;
  /** The window, in seconds (a minute in production). */
  durationSeconds?: number;
  /** Shared counters across processes; in this process's memory without it. */
  redis?: Redis;
  keyPrefix?: string;
}

/**
 * Messages per phone number across every channel (rate-limiter-flexible: Redis-backed when a client is
 * given, so all web processes share the count). Tells the first message over the limit apart from the
 * rest, so the customer hears "one moment" once and then nothing until the window passes.
 */
export class PhoneLimiter {
  private limiter: RateLimiterAbstract;
  readonly points: number;

  constructor(o: PhoneLimiterOptions) {
    this.points = o.points;
    const common = { points: o.points, duration: o.durationSeconds ?? 60, keyPrefix: o.keyPrefix ?? 'grocer:rate:phone' };
    this.limiter = o.redis ? new RateLimiterRedis({ ...common, storeClient: o.redis, rejectIfRedisNotReady: true }) : new RateLimiterMemory(common);
  }

  /** Counts one message of `phone`; throws only when the counter cannot be reached (e.g. Redis is down). */
  async take(phone: string): Promise<LimitVerdict> {
    try {
      await this.limiter.consume(phone, 1);
      return 'ok';
    } catch (err) {
      if (!(err instanceof RateLimiterRes)) throw err;
      return err.consumedPoints === this.points + 1 ? 'first_over' : 'over';
    }
  }
}
