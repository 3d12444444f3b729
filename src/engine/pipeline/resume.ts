import type { Orders } from '../../orders/orders';
import { placed } from '../stages/checkout';
import type { Piece } from './context';

/**
 * A retried message whose first attempt placed an order (a "yes" that failed after placing it): the order
 * is found by the message's key and its checkout finished, so the retry tells it and places no second one.
 */
export function resume(orders: Pick<Orders, 'resume'>): Piece {
  return async (ctx, next) => {
    ctx.order = ctx.retry ? await orders.resume(ctx.msg.phone, ctx.key) : undefined;
    await next();
  };
}

/** The resumed order told as placed (after the notices), instead of reading the message again. */
export const placedAgain: Piece = async (ctx, next) => {
  if (!ctx.order) return next();
  placed(ctx.turn, ctx.order);
};
