import { backOption, OPTION } from '../copy';
import { noticeFate, type NoticeFate, type ToldWish } from '../back-in-stock-notice';
import { sideQuestion } from '../stages/asking';
import { endOrderedWishes } from '../wish-offer';
import type { Piece } from './context';

/**
 * A back-in-stock notice the customer has not answered yet: its question ("Add 1 to your cart?") is put on
 * the table for this message, so "yes", "1" or a tap on its button adds the product (see engine/wishes.ts).
 * The wish is the record of the notice, not the conversation: the notice goes through the outbox without
 * the customer's lease, so it never writes their conversation. Only a notice the outbox's records say
 * reached the customer is asked: one no channel could carry (opted out everywhere, no proven channel, no
 * WhatsApp template) or that failed for good ends its wish unasked; one still queued waits for a later
 * message. This one message is the answer of a notice asked: after it, its wishes are settled (gone),
 * whatever the message said, so the question never traps the customer. An order the turn placed ends the
 * wishes for its products. The store is read only while the conversation knows of a wish (`waitingFor`),
 * or when it is new (an old conversation forgotten while the customer waited).
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
  const gone = new Set([...unsent, ...seen].map((w) => w.sku));
  const kept = wishes.map((w) => w.sku).filter((sku) => !gone.has(sku));
  conv.waitingFor = kept.length ? kept : undefined;
  const latest = [...seen].sort((a, b) => b.toldAt - a.toldAt)[0];
  const p = latest && (await turn.shelf()).get(latest.sku);
  // Told since the customer's last message, or nothing else is asked of them: the notice is what "yes" answers.
  if (latest && p && (latest.toldAt > conv.updatedAt || !sideQuestion(conv.asking))) {
    conv.asking = { kind: 'confirm_back', sku: p.sku };
    conv.options = [backOption(p), OPTION.noThanks];
  }
  await next();
  for (const w of seen) await store.settleWish(customer.phone, w.sku, w.toldAt);
  await endOrderedWishes(turn);
};
