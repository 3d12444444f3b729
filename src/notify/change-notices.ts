import type { Reply } from '../domain/types';
import { changesQuestion, removedNames } from '../engine/changes';
import type { Copy } from '../engine/copy';
import type { DomainEvents } from '../events/domain-events';
import type { Clock } from '../domain/types';
import type { Outbox } from './outbox';

export interface ChangeNoticesOptions {
  outbox: Pick<Outbox, 'enqueue'>;
  copy: Pick<Copy, 'changesQuestion' | 'changesRemoved' | 'changesExpired'>;
  clock: Clock;
}

/**
 * Tells customers of the changes the store made to their orders at picking time, on their channel through
 * the outbox (its rules apply: opt-outs, proven channels, the WhatsApp window): lines taken off, the question
 * of what is proposed instead (yes/no), and the store's default applied when they did not answer. Their own
 * answer is answered in their conversation, so it is not told again here.
 */
export function followChanges(events: Pick<DomainEvents, 'on'>, o: ChangeNoticesOptions): void {
  events.on('order.changes_proposed', ({ order, changes }) => {
    const replies: Reply[] = [];
    const removed = changes.filter((c) => c.action === 'remove');
    const params = { orderId: order.id, totalCents: order.totalCents };
    if (removed.length) replies.push({ key: 'changes_removed', text: o.copy.changesRemoved(order, removedNames(removed)), params });
    const asked = changes.filter((c) => c.status === 'pending');
    if (asked.length) replies.push(changesQuestion(o.copy, order, asked, o.clock.now()));
    o.outbox.enqueue(order.phone, replies);
  });
  events.on('order.changes_settled', ({ order, changes, by }) => {
    if (by !== 'store') return;
    o.outbox.enqueue(order.phone, { key: 'changes_expired', text: o.copy.changesExpired(order, removedNames(changes)), params: { orderId: order.id, totalCents: order.totalCents } });
  });
}
