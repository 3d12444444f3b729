import type { Stage } from '../../domain/types';
import { moveTo } from '../transitions';
import type { Piece } from './context';

const CHECKOUT: Stage[] = ['checkout_method', 'checkout_address', 'checkout_confirm'];

/**
 * A checkout left longer than the holds last is over: the conversation is back to ordering, its question
 * dropped (the message is then read as one while shopping). Not when a retry resumed a placed order.
 */
export function checkoutTimeout(config: { holdMinutes: number }): Piece {
  return async (ctx, next) => {
    const { conv } = ctx;
    if (!ctx.order && ctx.now - conv.updatedAt > config.holdMinutes * 60_000 && CHECKOUT.includes(conv.stage)) {
      moveTo(conv, 'ordering');
      conv.pending = undefined;
    }
    await next();
  };
}
