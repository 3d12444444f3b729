import type { StockWish } from '../../domain/wish';
import { backOption, OPTION } from '../copy';
import { sideQuestion } from '../stages/asking';
import { endOrderedWishes } from '../wish-offer';
import type { Piece } from './context';

/**
 * A back-in-stock notice the customer has not answered yet: its question ("Add 1 to your cart?") is put on
 * the table for this message, so "yes", "1" or a tap on its button adds the product (see engine/wishes.ts).
 * The wish is the record of the notice, not the conversation: the notice goes through the outbox without
 * the customer's lease, so it never writes their conversation. This one message is its answer: after it,
 * told wishes are settled (gone), whatever the message said, so the question never traps the customer.
 * An order the turn placed ends the wishes for its products. The store is read only while the conversation
 * knows of a wish (`waitingFor`), or when it is new (an old conversation forgotten while the customer waited).
 */
export const backInStock: Piece = async (ctx, next) => {
  const { turn } = ctx;
  const { conv, customer } = turn;
  if (!customer.registeredAt || (!conv.waitingFor?.length && conv.version !== 0)) { await next(); return; }
  const { store } = turn.deps;
  const wishes = await store.listWishesOf(customer.phone);
  const told = wishes.filter((w): w is StockWish & { toldAt: number } => w.toldAt !== undefined);
  const waiting = wishes.filter((w) => w.toldAt === undefined).map((w) => w.sku);
  conv.waitingFor = waiting.length ? waiting : undefined;
  const latest = told.sort((a, b) => b.toldAt - a.toldAt)[0];
  const p = latest && (await turn.shelf()).get(latest.sku);
  // Told since the customer's last message, or nothing else is asked of them: the notice is what "yes" answers.
  if (latest && p && (latest.toldAt > conv.updatedAt || !sideQuestion(conv.asking))) {
    conv.asking = { kind: 'confirm_back', sku: p.sku };
    conv.options = [backOption(p), OPTION.noThanks];
  }
  await next();
  for (const w of told) await store.settleWish(customer.phone, w.sku, w.toldAt);
  await endOrderedWishes(turn);
};
