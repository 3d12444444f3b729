import type { Product, SaidQuantity } from '../domain/types';
import { OPTION } from './copy';
import type { Action } from './options';
import { changeLine, nextStep } from './shopping';
import type { Handled } from './stages/stage';
import { toOrdering } from './stages/questions';
import type { Turn } from './turn';
import { soldOutIn, waitsFor, waitsNoMore } from './wish-offer';
import type { ItemRequest } from '../understanding/interpreter';

/**
 * The answer to "Shall I tell you when it's back?": "yes" records the customer's wish (one per product),
 * "no" moves on; anything else is not an answer, and is handled as the message it is.
 */
export async function answerWish(turn: Turn, sku: string, action: Action): Promise<Handled> {
  if (action.type !== 'yes' && action.type !== 'no') return 'not_mine';
  const { copy } = turn;
  if (action.type === 'yes' && turn.msg.unsure) {
    turn.conv.asking = { kind: 'confirm_wish', sku };
    turn.say('unsure_again', copy.unsureAgain, [OPTION.tellMe, OPTION.noThanks]);
    return 'handled';
  }
  const p = await turn.product(sku);
  if (action.type === 'yes' && p) {
    await turn.deps.store.putWish({ phone: turn.customer.phone, sku, at: turn.deps.clock.now() });
    waitsFor(turn, sku);
    turn.say('wish_kept', copy.wishKept(p), undefined, { name: p.name });
  } else turn.say('no_problem', copy.noProblem);
  await nextStep(turn);
  return 'handled';
}

/**
 * The answer to a back-in-stock notice ("Add 1 to your cart?"): "yes", its button, "1" or an amount adds it
 * through the cart like any add (sold out again meanwhile: said so, and the wish offered again); "no"
 * moves on; anything else is not an answer.
 */
export async function answerBack(turn: Turn, sku: string, action: Action): Promise<Handled> {
  const p = await turn.product(sku);
  if (!p) return 'not_mine';
  if (action.type === 'no') {
    turn.say('no_problem', turn.copy.noProblem);
    await nextStep(turn);
    return 'handled';
  }
  const quantity = amountOf(action, p);
  if (!quantity) return 'not_mine';
  toOrdering(turn);
  const said = await changeLine(turn, p, quantity, 'add');
  const gone = soldOutIn(turn)?.sku === sku && said[0]?.key === 'short';
  turn.sayAll(gone ? [{ key: 'gone_again', text: turn.copy.goneAgain(p) }, ...said.slice(1)] : said);
  await nextStep(turn);
  return 'handled';
}

/** How much of the product the answer asks for: one (or "how much?" by weight) for a plain yes. */
function amountOf(action: Action, p: Product): SaidQuantity | undefined {
  if (action.type === 'yes') return { kind: 'none' };
  if (action.type === 'quantity') return action.quantity;
  const [item, ...more] = action.type === 'add' ? action.items : [];
  if (item && !more.length && item.match.kind === 'product' && item.match.sku === p.sku) return item.quantity;
  return undefined;
}

/** "stop the oat milk alert": the customer's wishes for the products named (or all of them) end, and are said to. */
export async function stopWishes(turn: Turn, items: ItemRequest[]): Promise<void> {
  const { store } = turn.deps;
  const phone = turn.customer.phone;
  const waiting = (await store.listWishesOf(phone)).map((w) => w.sku);
  const named = items.flatMap((i) => (i.match.kind === 'product' ? [i.match.sku] : i.match.kind === 'ambiguous' ? i.match.skus : []));
  const ending = items.length ? waiting.filter((sku) => named.includes(sku)) : waiting;
  if (!ending.length) {
    turn.say('no_wish', turn.copy.noWish(items.map((i) => i.query)));
    return;
  }
  await store.deleteWishes(phone, ending);
  for (const sku of ending) waitsNoMore(turn, sku);
  const names = (await Promise.all(ending.map((sku) => turn.product(sku)))).map((p, k) => p?.name ?? ending[k]!);
  turn.say('wish_stopped', turn.copy.wishStopped(names));
}
