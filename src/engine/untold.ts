import type { Hold } from '../domain/types';
import { settleQuestion } from './stages/asking';
import { placed } from './stages/checkout';
import type { Turn } from './turn';

/**
 * What an earlier message did that its customer never heard: its turn committed something (an order placed
 * or cancelled, a cart line changed) and then failed before the conversation was saved, so the customer got
 * "trouble on our side". Told first on their next message, once (this turn saves the conversation). An order
 * is looked for only when an earlier turn was `interrupted` (began and never ended); a cancellation the
 * store made is looked for whenever the customer was asked to confirm one.
 */
export async function tellUntold(turn: Turn, o: { interrupted: boolean }): Promise<void> {
  const { conv, deps, copy } = turn;
  const phone = turn.customer.phone;
  if (o.interrupted && conv.stage === 'checkout_confirm' && conv.quote) {
    // Placed by a "yes" after the read-back (the read-back's own message places nothing), at the quoted total.
    const [latest] = await deps.orders.ofCustomer(phone);
    if (latest && latest.createdAt >= conv.updatedAt && latest.messageKey && latest.messageKey !== conv.lastTurn?.key
      && latest.totalCents === conv.quote.totalCents) {
      turn.say('went_through', copy.wentThrough);
      placed(turn, latest);
      turn.cartChanged();
      return;
    }
  }
  if (conv.asking?.kind === 'confirm_cancel') {
    // Cancelled since the question (by a "yes" that failed, or by the store): the question is answered.
    // Who cancelled it is not known here, so the customer hears only that it is.
    const order = await deps.store.getOrder(conv.asking.orderId);
    if (order?.status === 'cancelled' && order.updatedAt >= conv.updatedAt) {
      settleQuestion(conv);
      turn.say('cancelled', copy.cancelled(order), undefined, { orderId: order.id });
      return;
    }
  }
  if (!conv.held) return;
  const { holds } = await turn.cart();
  const before = new Map(conv.held.map((h) => [h.id, h.qty]));
  const changed = holds.filter((h) => before.get(h.id) !== h.qty);
  // Gone without expiring: released by the failed turn (expired lines are told as put back, see Engine.putBack).
  const released = (await turn.leftUnseen()).filter((h) => h.status === 'released');
  if (!changed.length && !released.length) return;
  const catalog = await turn.catalog();
  const name = (h: Hold) => catalog.get(h.sku)?.name ?? h.sku;
  turn.say('went_through', copy.cartWentThrough(
    changed.map((h) => ({ unit: catalog.get(h.sku)?.unit ?? 'each', qty: h.qty, name: name(h) })),
    released.filter((h) => !holds.some((x) => x.sku === h.sku)).map(name),
  ));
}
