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
 * (a registered customer's holds renewed) and remembered as the customer last saw it, the customer and the
 * conversation are written (with this turn's replies, which a retry of the message replays), and the owner's
 * console hears of a handoff.
 */
export function save(deps: EngineDeps, copy: Copy): Piece {
  const { store, inventory } = deps;
  return async (ctx, next) => {
    const { msg, customer, conv, key, now } = ctx;
    const turn = new Turn({ deps, copy, msg, customer, conv, text: cleanText(msg.text), key, retry: ctx.retry });
    ctx.turn = turn;
    await next();
    const { holds } = await turn.cart();
    if (customer.registeredAt) await inventory.touch(msg.phone, holds);
    conv.held = holds.map((h) => ({ id: h.id, qty: h.qty }));
    await store.putCustomer(customer);
    conv.options = turn.replies.at(-1)?.options;
    conv.updatedAt = now;
    conv.lastTurn = { key, replies: turn.replies };
    if (!(await store.saveConversation(conv))) throw new Error('conversation was changed by another process');
    if ((conv.stage as Stage) === 'handoff') deps.events?.emit({ type: 'handoff', phone: msg.phone });
    ctx.replies = turn.replies;
  };
}
