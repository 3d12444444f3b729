import type { Conversation } from '../../domain/types';
import { backInStockNotice, noticeFate, type NoticeFate, type ToldWish } from '../back-in-stock-notice';
import { backOption, OPTION } from '../copy';
import type { Turn } from '../turn';
import { endOrderedWishes } from '../wish-offer';
import type { Piece } from './context';

/** A question the customer is in the middle of answering (a stage's or a side one), other than the notice's. */
const questionOnTable = (conv: Conversation) => conv.asking !== undefined && conv.asking.kind !== 'opening' && conv.asking.kind !== 'confirm_back';

/** The store's changes to one of the customer's orders await their answer (awaitingAnswer puts that question on the table). */
async function storeAsks(turn: Turn): Promise<boolean> {
  return turn.deps.changes ? (await turn.deps.changes.awaiting(turn.customer.phone)) !== undefined : false;
}

/**
 * A back-in-stock notice the customer has not answered yet: its question ("Add 1 to your cart?") is put on
 * the table for this message, so "yes", "1" or a tap on its button adds the product (see engine/wishes.ts).
 * The wish is the record of the notice, not the conversation: the notice goes through the outbox without
 * the customer's lease, so it never writes their conversation. Only a notice the outbox's records say
 * reached the customer is asked: one no channel could carry (opted out everywhere, no proven channel, no
 * WhatsApp template) or that failed for good ends its wish unasked; one still queued waits for a later
 * message. A question already on the table (the read-back, the slot question, the usual's proposal, the
 * store's changes to an order) wins: the message answers it, and the notice is asked again after, once
 * nothing else is asked (its wish kept). The message a notice was on the table for is its answer: after it,
 * its wishes are settled (gone), whatever it said, so the question never traps the customer. An order the
 * turn placed ends the wishes for its products. The store is read only while the conversation knows of a
 * wish (`waitingFor`), or when it is new (an old conversation forgotten while the customer waited).
 */
export const backInStock: Piece = async (ctx, next) => {
  const { turn } = ctx;
  const { conv, customer } = turn;
  if (!customer.registeredAt || (!conv.waitingFor?.length && conv.version !== 0)) { await next(); return; }
  const { store } = turn.deps;
  const wishes = await store.listWishesOf(customer.phone);
  const told = wishes.filter((w): w is ToldWish => w.toldAt !== undefined);
  const fates = new Map<ToldWish, NoticeFate>();
  for (const w of told) fates.set(w, await noticeFate(store, w));
  const unsent = told.filter((w) => fates.get(w) === 'unsent');
  for (const w of unsent) await store.settleWish(customer.phone, w.sku, w.toldAt);
  const seen = told.filter((w) => fates.get(w) === 'sent');
  const latest = [...seen].sort((a, b) => b.toldAt - a.toldAt)[0];
  const p = latest && (await turn.shelf()).get(latest.sku);
  // A notice whose product left the shelf (hidden) cannot be answered: it is settled with this message.
  const asked = !!latest && (!p || !(questionOnTable(conv) || (await storeAsks(turn))));
  const ended = new Set([...unsent, ...(asked ? seen : [])].map((w) => w.sku));
  const kept = wishes.map((w) => w.sku).filter((sku) => !ended.has(sku));
  conv.waitingFor = kept.length ? kept : undefined;
  if (asked && p) {
    conv.asking = { kind: 'confirm_back', sku: p.sku };
    conv.options = [backOption(p), OPTION.noThanks];
  }
  await next();
  if (asked) for (const w of seen) await store.settleWish(customer.phone, w.sku, w.toldAt);
  await endOrderedWishes(turn);
  // Held back for the question the customer answered: asked now, unless another question is on the table
  // (it waits for the message after), or the turn ended the wish (an order with the product, an add of it).
  if (asked || !p || turn.conv.stage === 'handoff' || questionOnTable(turn.conv) || !turn.conv.waitingFor?.includes(p.sku)) return;
  const notice = backInStockNotice(turn.copy, p);
  turn.say(notice.key, notice.text, notice.options, notice.params);
  turn.conv.asking = { kind: 'confirm_back', sku: p.sku };
};
