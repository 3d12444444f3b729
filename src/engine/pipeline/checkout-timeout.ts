import { expireCheckout } from '../stages/lifecycle';
import type { Piece } from './context';

/**
 * A checkout left longer than the holds last is over: the conversation is back to ordering, its question
 * dropped (the message is then read as one while shopping). Not when a retry resumed a placed order.
 */
export function checkoutTimeout(config: { holdMinutes: number }): Piece {
  return async (ctx, next) => {
    if (!ctx.order && ctx.now - ctx.conv.updatedAt > config.holdMinutes * 60_000) expireCheckout(ctx.conv);
    await next();
  };
}
