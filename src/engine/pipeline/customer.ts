import type { Clock } from '../../domain/types';
import type { Piece } from './context';

export interface CustomerDeps {
  clock: Clock;
}

/** The turn's instant is read, and the customer's record as the turn began (undefined for someone new). */
export function customer({ clock }: CustomerDeps): Piece {
  return async (ctx, next) => {
    ctx.now = clock.now();
    ctx.known = ctx.begun?.customer;
    await next();
  };
}
