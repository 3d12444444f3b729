import type { Redis } from 'ioredis';
import type { RateLimiterAbstract } from 'rate-limiter-flexible';
import { createLimiter } from './rate-limit';

/** Failed console sign-ins allowed in a window, per login and per client address; tests shrink them. */
export interface SignInLimits {
  failuresPerLogin: number;
  failuresPerIp: number;
  windowSeconds: number;
}

export const DEFAULT_SIGN_IN_LIMITS: SignInLimits = { failuresPerLogin: 10, failuresPerIp: 30, windowSeconds: 15 * 60 };

export interface SignInLimiters { perLogin: RateLimiterAbstract; perIp: RateLimiterAbstract }

/** Shared by every web process through Redis when the app has a client (as the web chat's limits are). */
export function signInLimiters(limits: Partial<SignInLimits> = {}, redis?: Redis): SignInLimiters {
  const l = { ...DEFAULT_SIGN_IN_LIMITS, ...limits };
  return {
    perLogin: createLimiter({ name: 'signin-login', points: l.failuresPerLogin, durationSeconds: l.windowSeconds }, redis),
    perIp: createLimiter({ name: 'signin-ip', points: l.failuresPerIp, durationSeconds: l.windowSeconds }, redis),
  };
}
