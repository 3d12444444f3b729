import type { Unit } from '../../domain/types';
import type { Copy } from '../copy';
import { offerAgain } from '../proposal';
import type { EngineDeps, Turn } from '../turn';
import { tellUntold } from '../untold';
import type { Piece } from './context';

/** A cart line put back on the shelf, to be told; `longest`: it was held as long as any line may be. */
type PutBack = { sku: string; unit: Unit; qty: number; name: string; longest: boolean };

export type NoticesDeps = Pick<EngineDeps, 'inventory' | 'config'>;

/**
 * Before the message is answered, what the customer has not heard: what a failed earlier message did
 * (untold; not on a retry, which tells its own), and cart lines put back on the shelf since. After it, those
 * lines are offered again.
 */
export function notices(deps: NoticesDeps, copy: Pick<Copy, 'heldExpired'>): Piece {
  return async (ctx, next) => {
    const { turn } = ctx;
    await turn.cart();
    if (!ctx.retry && !ctx.order) await tellUntold(turn, { interrupted: ctx.begun?.interrupted ?? true });
    const lines = await putBack(deps, turn);
    if (lines.length) tellPutBack(deps, copy, turn, lines);
    await next();
    if (lines.length) await offerAgain(turn, lines);
  };
}

function tellPutBack(deps: NoticesDeps, copy: Pick<Copy, 'heldExpired'>, turn: Turn, lines: PutBack[]): void {
  const maxMinutes = Math.round(deps.inventory.limits.holdMaxMs / 60_000);
  const idle = lines.filter((l) => !l.longest);
  const longest = lines.filter((l) => l.longest);
  if (longest.length) turn.say('held_expired', copy.heldExpired(longest, maxMinutes, true));
  if (idle.length) turn.say('held_expired', copy.heldExpired(idle, deps.config.holdMinutes));
}

/**
 * Cart lines put back on the shelf since the customer last heard from us, whoever put them back: this
 * turn (overdue holds expired on reading the cart) or the sweeper since the last turn (a hold the last
 * turn left in the cart and that has expired since). Each is told once: the next turn remembers only the
 * cart as it is now.
 */
async function putBack(deps: NoticesDeps, turn: Turn): Promise<PutBack[]> {
  const swept = (await turn.leftUnseen()).filter((h) => h.status === 'expired');
  const catalog = await turn.catalog();
  return [...turn.expired, ...swept].map((h) => {
    const p = catalog.get(h.sku);
    // A line renewed by messages still ends HOLD_MAX after it was made: that is not for want of a message.
    const longest = h.expiresAt >= h.createdAt + deps.inventory.limits.holdMaxMs;
    return { sku: h.sku, qty: h.qty, unit: p?.unit ?? 'each', name: p?.name ?? h.sku, longest };
  });
}
