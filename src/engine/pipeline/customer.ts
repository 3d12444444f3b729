import type { Clock } from '../../domain/types';
import type { Store } from '../../store/store';
import type { Piece } from './context';

export interface CustomerDeps {
  store: Pick<Store, 'getCustomer'>;
  clock: Clock;
}

/** The turn begins: its instant is read, and the customer's record (undefined for someone new). */
export function customer({ store, clock }: CustomerDeps): Piece {
  return async (ctx, next) => {
    ctx.now = clock.now();
    ctx.known = await store.getCustomer(ctx.msg.phone);
    await next();
  };
}
