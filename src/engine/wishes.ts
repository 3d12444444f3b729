import type { Product, SaidQuantity } from '../domain/types';
import { OPTION } from './copy';
import type { Action } from './options';
import { changeLine, nextStep } from './shopping';
import type { Handled } from './stages/stage';
import { toOrdering } from './stages/questions';
import type { Turn } from './turn';
import { soldOutIn, waitsFor } from './wish-offer';

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
