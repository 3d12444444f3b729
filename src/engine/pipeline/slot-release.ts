import { sameSlot } from '../../domain/slots';
import type { SlotBookingsPort } from '../../store/store';
import type { Piece } from './context';

/**
 * A slot's place is held with the checkout, as the cart is: each message of the customer's keeps it for
 * another `holdMinutes`; when a turn leaves the checkout (back to shopping, a restart, a person, a checkout
 * gone stale, another slot chosen), the place held when the turn began is given up at its end. Booked
 * places (the order placed) are not touched: only a held one is released.
 */
export function slotRelease(store: Pick<SlotBookingsPort, 'releaseSlot' | 'holdSlot'>, config: { holdMinutes: number }): Piece {
  return async (ctx, next) => {
    const before = ctx.conv.slot;
    await next();
    const after = ctx.conv.slot;
    if (before && !sameSlot(before, after)) await store.releaseSlot(before, ctx.conv.phone);
    else if (after && sameSlot(before, after)) await store.holdSlot(after, ctx.conv.phone, ctx.now + config.holdMinutes * 60_000, ctx.now);
  };
}
