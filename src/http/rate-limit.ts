import type { RequestHandler, Response } from 'express';
import type { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';

export interface LimitSpec {
  /** Name of the budget, part of its Redis key. */
  name: string;
  points: number;
  durationSeconds: number;
}

/**
 * A rate limiter shared by every web process through Redis when a client is given, else in this process.
 * If Redis stops answering, an in-memory limiter of the same size stands in (a little laxer across processes,
 * never an outage).
 */
export function createLimiter(spec: LimitSpec, redis?: Redis): RateLimiterAbstract {
  const memory = new RateLimiterMemory({ keyPrefix: `grocer:${spec.name}`, points: spec.points, duration: spec.durationSeconds });
  if (!redis) return memory;
  return new RateLimiterRedis({
    storeClient: redis, keyPrefix: `grocer:${spec.name}`, points: spec.points, duration: spec.durationSeconds,
    rejectIfRedisNotReady: true, insuranceLimiter: memory,
  });
}

export type Consumed = { ok: true } | { ok: false; retryAfterSeconds: number };

/** Takes one point of `key`'s budget: a value, never a throw for "over the limit". */
export async function consume(limiter: RateLimiterAbstract, key: string): Promise<Consumed> {
  try {
    await limiter.consume(key);
    return { ok: true };
  } catch (err) {
    if (err instanceof RateLimiterRes) return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(err.msBeforeNext / 1000)) };
    throw err;
  }
}

export function tooMany(res: Response, retryAfterSeconds: number, error: string): void {
  res.status(429).set('Retry-After', String(retryAfterSeconds)).json({ error, retryAfterSeconds });
}

/** Limits requests per client IP (req.ip honours `trust proxy`). */
export function perIp(limiter: RateLimiterAbstract, error = 'too many requests from this address'): RequestHandler {
  return async (req, res, next) => {
    const r = await consume(limiter, req.ip ?? req.socket.remoteAddress ?? 'unknown');
    if (r.ok) return next();
    tooMany(res, r.retryAfterSeconds, `${error}; try again in ${r.retryAfterSeconds} s`);
  };
}
