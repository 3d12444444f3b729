import type { Stage } from '../../domain/types';
import type { Copy } from '../copy';
import { Turn, type EngineDeps } from '../turn';
import type { Piece } from './context';

const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\ufeff]/g;

/** Control characters out, whitespace tidied; what is left is what the customer wrote. */
export function cleanText(text: string): string {
  return text.replace(CONTROL, '').replace(/\s+/g, ' ').trim();
}

/**
 * The bot's turn over the conversation read: begun here, and when the rest has run, saved. The cart is kept
 * (a registered customer's holds renewed) and remembered as the customer last saw it, and the customer and
 * the conversation are left for the turn's end to write (with this turn's replies); once written, the
 * owner's console hears of a handoff.
 */
export function save(deps: EngineDeps, copy: Copy): Piece {
  const { inventory } = deps;
  return async (ctx, next) => {
    const { msg, customer, conv, key, now } = ctx;
    const turn = new Turn({ deps, copy, msg, customer, conv, text: cleanText(msg.text), key, retry: ctx.retry });
    ctx.turn = turn;
    await next();
    const { holds } = await turn.cart();
    if (customer.registeredAt) await inventory.touch(msg.phone, holds);
    conv.held = holds.map((h) => ({ id: h.id, qty: h.qty }));
    conv.options = turn.replies.at(-1)?.options;
    conv.updatedAt = now;
    conv.lastTurn = { key, replies: turn.replies };
    // Written by the turn's end, with the message's record (see record).
    ctx.write = { customer, conversation: conv };
    ctx.replies = turn.replies;
    if ((conv.stage as Stage) === 'handoff') ctx.afterEnd.push(() => deps.events?.emit({ type: 'handoff', phone: msg.phone }));
  };
}
