import type { SideQuestion } from '../../domain/types';
import { OPTION, pickOption } from '../copy';
import { fromRequested, type Action } from '../options';
import { answerProposal } from '../proposal';
import { answerChanges } from '../changes';
import { confirmCancel, restart } from '../service';
import { addItems, answerAsk, changeLine, nextStep, removeItems } from '../shopping';
import type { Turn } from '../turn';
import type { Handled } from './stage';
import { answerBack, answerWish } from '../wishes';

/**
 * The answer to a side question the bot asked while shopping (which one, how many, a confirmation), if the
 * message is one; 'not_mine' hands it on. Asked again (an unsure "yes", a choice of none), it is put back.
 */
export async function answerQuestion(turn: Turn, asked: SideQuestion, action: Action): Promise<Handled> {
  const copy = turn.copy;
  const again = () => { turn.conv.asking = asked; };
  switch (asked.kind) {
    case 'confirm_cancel':
      if (action.type === 'yes' && turn.msg.unverified) turn.say('needs_verified_caller', copy.needsVerifiedCaller);
      else if (action.type === 'yes' && turn.msg.unsure) { again(); turn.say('unsure_again', copy.unsureAgain, [OPTION.yes, OPTION.no]); }
      else if (action.type === 'yes') await confirmCancel(turn, asked.orderId);
      else if (action.type === 'no') turn.say('kept_order', copy.keptOrder);
      else return 'not_mine';
      return 'handled';
    case 'confirm_restart':
      if (action.type === 'yes' && turn.msg.unsure) { again(); turn.say('unsure_again', copy.unsureAgain, [OPTION.yes, OPTION.no]); }
      else if (action.type === 'yes') await restart(turn);
      else if (action.type === 'no') turn.say('kept_cart', copy.keptCart, [OPTION.checkout, OPTION.cart]);
      else return 'not_mine';
      return 'handled';
    case 'confirm_changes':
      if (action.type !== 'yes' && action.type !== 'no') return 'not_mine';
      if (turn.msg.unverified) turn.say('needs_verified_caller', copy.needsVerifiedCaller);
      else if (action.type === 'yes' && turn.msg.unsure) { again(); turn.say('unsure_again', copy.unsureAgain, [OPTION.yes, OPTION.no]); }
      else if (turn.deps.changes) await answerChanges(turn, turn.deps.changes, asked.orderId, action.type);
      else return 'not_mine';
      return 'handled';
    case 'confirm_wish': return answerWish(turn, asked.sku, action);
    case 'confirm_back': return answerBack(turn, asked.sku, action);
    case 'confirm_items':
      if (action.type !== 'yes' && action.type !== 'no') return 'not_mine';
      await answerProposal(turn, asked.items, action.type);
      return 'handled';
    case 'how_many': {
      const p = await turn.product(asked.sku);
      const quantity = action.type === 'quantity' ? action.quantity
        : action.type === 'choose' ? { kind: 'count' as const, value: action.index }
          : action.type === 'yes' ? { kind: 'none' as const } : undefined;
      if (!p || !quantity) return 'not_mine';
      if (action.type === 'quantity' && action.orElse?.kind === 'count' && quantity.kind === 'count') {
        // Asked once: a second "2 or 3" takes the smaller, as "either" does.
        if (!asked.offered) {
          turn.conv.asking = { ...asked, offered: quantity };
          turn.say('which_amount', copy.whichAmount(quantity.value, action.orElse.value));
          return 'handled';
        }
      }
      toOrdering(turn);
      const said = await changeLine(turn, p, quantity, 'add');
      turn.sayAll(said);
      // "a couple" of something sold by weight: its weight is asked again, and the queue waits behind it.
      if (said.some((o) => o.key === 'need_weight')) { again(); return 'handled'; }
      if (asked.queue?.length) await addItems(turn, asked.queue.map(fromRequested));
      else await nextStep(turn);
      return 'handled';
    }
    case 'choose_product': {
      // "Neither", "none of them": that item is left out; the other unclear items of the message still come.
      if (action.type === 'no') {
        toOrdering(turn);
        turn.say('left_out', copy.leftOut);
        if (asked.queue?.length) await addItems(turn, asked.queue.map(fromRequested));
        else await nextStep(turn);
        return 'handled';
      }
      // "2 of the skim and 1 oat": several of the choices, each with its amount, all added.
      if (asked.action === 'add' && action.type === 'add' && action.items.length > 1
        && action.items.every((i) => i.match.kind === 'product' && asked.skus.includes(i.match.sku))) {
        toOrdering(turn);
        await addItems(turn, [...action.items, ...(asked.queue ?? []).map(fromRequested)]);
        return 'handled';
      }
      const sku = chosenProduct(asked.skus, action);
      if (!sku) {
        if (action.type !== 'unknown' && action.type !== 'choose' && action.type !== 'quantity' && action.type !== 'yes') return 'not_mine';
        const products = (await Promise.all(asked.skus.map((s) => turn.product(s)))).flatMap((p) => (p ? [p] : []));
        again();
        turn.say('pick_number', copy.pickNumber(products.length), products.map(pickOption));
        return 'handled';
      }
      const p = await turn.product(sku);
      if (!p) return 'not_mine';
      toOrdering(turn);
      const item = { query: p.name, quantity: { kind: 'none' as const }, match: { kind: 'product' as const, sku } };
      if (asked.action === 'ask') await answerAsk(turn, 'stock', [item]);
      else if (asked.action === 'remove') await removeItems(turn, [item]);
      else {
        // "whole. 2": the amount said with the choice wins over the one said before it.
        const said = action.type === 'add' ? action.items[0]?.quantity : undefined;
        const quantity = said && said.kind !== 'none' ? said : asked.quantity;
        turn.sayAll(await changeLine(turn, p, quantity, asked.action));
        // The other unclear items of the same message, each asked about in turn.
        if (asked.queue?.length) await addItems(turn, asked.queue.map(fromRequested));
        else await nextStep(turn);
      }
      return 'handled';
    }
  }
}

/** Items go in at the ordering stage: from the greeting or a placed order by way of the menu. */
export function toOrdering(turn: Turn): void {
  if (turn.conv.stage === 'greeting' || turn.conv.stage === 'placed') turn.moveTo('menu');
  if (turn.conv.stage !== 'ordering') turn.moveTo('ordering');
}

/** Which of the offered products the answer names: the option chosen, or the one product the interpreter matched. */
function chosenProduct(skus: string[], action: Action): string | undefined {
  if (action.type === 'pick') return skus.includes(action.sku) ? action.sku : undefined;
  if (action.type === 'add' || action.type === 'ask' || action.type === 'remove') {
    const m = action.items[0]?.match;
    if (m?.kind === 'product' && skus.includes(m.sku)) return m.sku;
    const both = m?.kind === 'ambiguous' ? m.skus.filter((s) => skus.includes(s)) : [];
    if (both.length === 1) return both[0];
  }
  return undefined;
}
