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

/** A wait as a person reads it: whole minutes, rounded up ("1 minute", "58 minutes"). */
export function inMinutes(seconds: number): string {
  const minutes = Math.max(1, Math.ceil(seconds / 60));
  return `${minutes} ${minutes === 1 ? 'minute' : 'minutes'}`;
}

/** A limiter's budget in words: "10 an hour", "60 a minute", "5 every 10 minutes". */
export function budget(limiter: RateLimiterAbstract): string {
  const s = limiter.duration;
  const per = s === 3600 ? 'an hour' : s === 60 ? 'a minute' : s % 3600 === 0 ? `every ${s / 3600} hours` : `every ${inMinutes(s)}`;
  return `${limiter.points} ${per}`;
}

/**
 * 429 with `Retry-After` (seconds, for programs) and an error a person can read: the limit that was hit, then
 * the wait in whole minutes. `limit` is a sentence naming the limit, like "Too many requests from this
 * network address (60 a minute)."
 */
export function tooMany(res: Response, retryAfterSeconds: number, limit: string, extra: Record<string, unknown> = {}): void {
  res.status(429).set('Retry-After', String(retryAfterSeconds))
    .json({ error: `${limit} Please try again in ${inMinutes(retryAfterSeconds)}.`, retryAfterSeconds, ...extra });
}

/** Limits requests per client IP (req.ip honours `trust proxy`, see TRUST_PROXY). */
export function perIp(limiter: RateLimiterAbstract, limit = 'Too many requests from this network address'): RequestHandler {
  return async (req, res, next) => {
    const r = await consume(limiter, clientIp(req));
    if (r.ok) return next();
    tooMany(res, r.retryAfterSeconds, `${limit} (${budget(limiter)}).`);
  };
}

/** The client's address as `trust proxy` derives it (never a forwarded header from an untrusted peer). */
export function clientIp(req: { ip?: string | undefined; socket: { remoteAddress?: string | undefined } }): string {
  return req.ip ?? req.socket.remoteAddress ?? 'unknown';
}
