import type { Order, OrderChange, Reply, ReplyKey } from '../domain/types';
import type { Answer, AnswerResult, OrderChanges } from '../orders/changes';
import { OPTION, type Copy } from './copy';
import type { Turn } from './turn';

/** What the engine needs of the order changes: the order awaiting this customer's answer, and the answer. */
export type ChangeAnswers = Pick<OrderChanges, 'awaiting' | 'pending' | 'answer'>;

/** The replies that settle (or speak of) changes: a turn that said one of them needs no reminder. */
const SETTLING: ReadonlySet<ReplyKey> = new Set(['changes_accepted', 'changes_declined', 'changes_closed', 'changes_order_emptied', 'changes_question']);
export const spokeOfChanges = (replies: readonly Reply[]) => replies.some((r) => SETTLING.has(r.key));

/**
 * The question of an order's pending changes, with yes/no options each channel renders its way (buttons,
 * numbered SMS, "press 1" on a call); the minutes left are counted from `now`.
 */
export function changesQuestion(copy: Pick<Copy, 'changesQuestion'>, order: Order, pending: OrderChange[], now: number): Reply {
  const asked = pending.flatMap((c) => (c.offer && (c.action === 'quantity' || c.action === 'substitute') ? [{ action: c.action, line: c.line, offer: c.offer }] : []));
  const until = Math.min(...pending.map((c) => c.expiresAt ?? now));
  const minutes = Math.max(1, Math.ceil((until - now) / 60_000));
  return {
    key: 'changes_question', text: copy.changesQuestion(order.id, asked, minutes),
    params: { orderId: order.id, totalCents: order.totalCents }, options: [OPTION.yes, OPTION.no],
  };
}

/** Names of the lines settled changes took off the order (a "no", or no answer). */
export const removedNames = (changes: readonly OrderChange[]) => changes.map((c) => c.line.name);

/** The customer's yes or no to their order's pending changes, and what they are told of it. */
export async function answerChanges(turn: Turn, changes: ChangeAnswers, orderId: string, answer: Exclude<Answer, 'expired'>): Promise<void> {
  const { copy } = turn;
  const r: AnswerResult = await changes.answer(orderId, answer, 'customer');
  if (r.ok) {
    const params = { orderId, totalCents: r.order.totalCents };
    if (r.emptied) turn.say('changes_order_emptied', copy.changesOrderEmptied(r.order), undefined, params);
    else if (answer === 'yes') turn.say('changes_accepted', copy.changesAccepted(r.order), [OPTION.browse, OPTION.cart], params);
    else turn.say('changes_declined', copy.changesDeclined(r.order, removedNames(r.settled)), [OPTION.browse, OPTION.cart], params);
    return;
  }
  // Settled meanwhile (the store's default, once the time was up) or the order left the store: as it is now.
  const order = r.reason === 'closed' ? r.order : await turn.deps.store.getOrder(orderId);
  if (order) turn.say('changes_closed', copy.changesClosed(order), undefined, { orderId, totalCents: order.totalCents });
}
