import type { Logger } from 'pino';
import type { Reply } from '../../domain/types';
import type { PhoneLimiter } from '../../limits/phone-limiter';
import type { Copy } from '../copy';
import type { Piece } from './context';

export interface RateLimitDeps {
  log: Logger;
  /** Messages per phone across all channels; none means unlimited. */
  limiter?: Pick<PhoneLimiter, 'take'>;
}

/**
 * Messages per phone, across all channels: one over the limit gets one "one moment", later ones nothing,
 * until the window passes; they change nothing. A message the channel marks unlimited (STOP) is never held.
 */
export function rateLimit({ log, limiter }: RateLimitDeps, copy: Pick<Copy, 'oneMoment'>): Piece {
  return async (ctx, next) => {
    if (!limiter || ctx.unlimited) return next();
    const verdict = await limiter.take(ctx.msg.phone).catch((err: unknown) => {
      // A limiter that cannot be asked (Redis down) lets messages through rather than drop them.
      log.warn({ err, channel: ctx.msg.channel }, 'rate limiter unavailable; message let through');
      return 'ok' as const;
    });
    if (verdict === 'ok') return next();
    const replies: Reply[] = verdict === 'first_over' ? [{ key: 'one_moment', text: copy.oneMoment }] : [];
    // A message held back is answered (by that, or by nothing) and recorded done (out of the transcript):
    // sent again, it is not mistaken for a retry of a turn that began. A real retry stays retryable.
    ctx.transcribed = false;
    if (ctx.retry) ctx.unrecorded = true;
    ctx.replies = replies;
  };
}
