import type { Reply, RequestedItem, Unit } from '../domain/types';
import { isSoldByWeight } from '../domain/units';
import type { ItemRequest } from '../understanding/interpreter';
import { OPTION, type Listed } from './copy';
import { fromRequested, toRequested } from './options';
import { addItems } from './shopping';
import type { Turn } from './turn';

/**
 * Items read from a photo or a voice note: read back as a proposed cart, nothing reserved, "yes" or "no".
 * Items that matched nothing are named as not found and left out.
 */
export async function propose(turn: Turn, items: ItemRequest[], source: 'image' | 'audio'): Promise<void> {
  const catalog = await turn.shelf();
  const kept: RequestedItem[] = [];
  const missing: string[] = [];
  for (const item of items.map(toRequested)) {
    if (item.skus.some((s) => catalog.has(s))) kept.push({ ...item, skus: item.skus.filter((s) => catalog.has(s)) });
    else missing.push(item.query);
  }
  if (!kept.length) { turn.say('proposal_nothing', turn.copy.proposalNothing(source, missing), [OPTION.browse, OPTION.help]); return; }
  const labels = kept.map((item) => {
    const p = item.skus.length === 1 ? catalog.get(item.skus[0]!) : undefined;
    return { label: p ? turn.copy.proposedItem(p.name, p.unit, item.quantity) : item.query };
  });
  offerItems(turn, kept, 'proposal', turn.copy.proposal(source, labels, missing), { count: kept.length, source });
}

/**
 * Puts items to the customer as one proposal (a picture's, a voice note's, the usual order): read back in
 * `message`, nothing reserved; the next "yes" adds them all through the cart, "no" drops them.
 */
export function offerItems(turn: Turn, items: RequestedItem[], key: Reply['key'], message: string | Listed, params?: Reply['params']): void {
  turn.conv.asking = { kind: 'confirm_items', items };
  turn.say(key, message, [OPTION.yes, OPTION.no], params);
}

/** The answer to a proposed cart: "yes" adds every item (as if typed), "no" drops them; else not an answer. */
export async function answerProposal(turn: Turn, items: RequestedItem[], answer: 'yes' | 'no'): Promise<void> {
  if (answer === 'no') { turn.say('proposal_dropped', turn.copy.proposalDropped, [OPTION.browse, OPTION.cart]); return; }
  if (turn.conv.stage !== 'ordering') turn.moveTo('ordering');
  await addItems(turn, items.map(fromRequested));
}

/**
 * After telling the customer that lines of their cart were put back: "Shall I add them again?", answered
 * like a proposed cart. Not when another question is on the table, outside shopping, or when they are back.
 */
export async function offerAgain(turn: Turn, lines: { sku: string; unit: Unit; qty: number; name: string }[]): Promise<void> {
  if (turn.startedOver || turn.conv.asking || !['menu', 'ordering'].includes(turn.conv.stage)) return;
  const inCart = new Set((await turn.cart()).holds.map((h) => h.sku));
  const missing = lines.filter((l) => !inCart.has(l.sku));
  if (!missing.length) return;
  const items: RequestedItem[] = missing.map((l) => ({
    query: l.name, skus: [l.sku], quantity: isSoldByWeight(l.unit) ? { kind: 'grams', value: l.qty } : { kind: 'count', value: l.qty },
  }));
  turn.conv.asking = { kind: 'confirm_items', items };
  const { text, button } = turn.copy.addAgain(missing);
  turn.say('add_again', text, [{ id: OPTION.yes.id, label: button }, OPTION.no]);
}
