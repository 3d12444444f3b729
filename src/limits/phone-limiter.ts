import type { Redis } from 'ioredis';
import { RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';

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
 * A fixed window per phone in this process's memory, counted as rate-limiter-flexible's memory limiter counts
 * (the window starts at a phone's first message), without its timer per phone (2.3 % of the CPU under load):
 * windows that have passed are forgotten by a sweep at most once a window.
 */
class MemoryWindows {
  private windows = new Map<string, { count: number; endsAt: number }>();
  private nextSweep = 0;

  constructor(private durationMs: number) {}

  /** The phone's count in its current window, this message included. */
  count(phone: string, now = Date.now()): number {
    if (now >= this.nextSweep) {
      for (const [key, w] of this.windows) if (w.endsAt <= now) this.windows.delete(key);
      this.nextSweep = now + this.durationMs;
    }
    let w = this.windows.get(phone);
    if (!w || w.endsAt <= now) {
      w = { count: 0, endsAt: now + this.durationMs };
      this.windows.set(phone, w);
    }
    w.count += 1;
    return w.count;
  }
}

/**
 * Messages per phone number across every channel (rate-limiter-flexible: Redis-backed when a client is
 * given, so all web processes share the count). Tells the first message over the limit apart from the
 * rest, so the customer hears "one moment" once and then nothing until the window passes.
 */
export class PhoneLimiter {
  private limiter?: RateLimiterAbstract;
  private local?: MemoryWindows;
  readonly points: number;

  constructor(o: PhoneLimiterOptions) {
    this.points = o.points;
    const common = { points: o.points, duration: o.durationSeconds ?? 60, keyPrefix: o.keyPrefix ?? 'grocer:rate:phone' };
    if (o.redis) this.limiter = new RateLimiterRedis({ ...common, storeClient: o.redis, rejectIfRedisNotReady: true });
    else this.local = new MemoryWindows(common.duration * 1000);
  }

  /** Counts one message of `phone`; throws only when the counter cannot be reached (e.g. Redis is down). */
  async take(phone: string): Promise<LimitVerdict> {
    if (!this.limiter) {
      const n = this.local!.count(phone);
      return n <= this.points ? 'ok' : n === this.points + 1 ? 'first_over' : 'over';
    }
    try {
      await this.limiter.consume(phone, 1);
      return 'ok';
    } catch (err) {
      if (!(err instanceof RateLimiterRes)) throw err;
      return err.consumedPoints === this.points + 1 ? 'first_over' : 'over';
    }
  }
}
