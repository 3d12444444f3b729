import type { Fulfilment, Order, OrderStatus } from '../domain/types';

/**
 * The checked table of where an order may go, per fulfilment. An order moves forward along its own path
 * (it may skip steps, never go back); `cancelled` sits outside both paths.
 * - delivery: placed → preparing → dispatched → delivered
 * - pickup:   placed → preparing → ready (for collection) → delivered (collected)
 */
export const ORDER_FLOWS: Readonly<Record<Fulfilment, readonly OrderStatus[]>> = {
  delivery: ['placed', 'preparing', 'dispatched', 'delivered'],
  pickup: ['placed', 'preparing', 'ready', 'delivered'],
};

/** A customer (or the store) may cancel until the order leaves the store: a pickup order until it is collected. */
export const CANCELLABLE: OrderStatus[] = ['placed', 'preparing', 'ready'];

/**
 * The statuses an order of this fulfilment may move to `to` from, or undefined when `to` is not on its
 * path. A pickup order marked `dispatched` (before `ready` existed) may still be collected.
 */
export function forwardFrom(fulfilment: Fulfilment, to: OrderStatus): OrderStatus[] | undefined {
  const flow = ORDER_FLOWS[fulfilment];
  const at = flow.indexOf(to);
  if (at < 0) return undefined;
  const before = flow.slice(0, at);
  return fulfilment === 'pickup' && to === 'delivered' ? [...before, 'dispatched'] : before;
}

/** Why the store cannot move this order to `to` now, in words; undefined when it can. */
export function refusal(order: Pick<Order, 'status' | 'fulfilment' | 'changes'>, to: OrderStatus): string | undefined {
  const { status, fulfilment } = order;
  const pickup = fulfilment === 'pickup';
  if (status === to) return `The order is already ${label(to, fulfilment).toLowerCase()}`;
  if (status === 'cancelled') return 'Cancelled orders cannot change';
  if (status === 'delivered') return pickup ? 'Collected orders cannot change' : 'Delivered orders cannot change';
  if (to === 'cancelled') {
    return CANCELLABLE.includes(status) ? undefined : 'Orders can be cancelled only until they are dispatched';
  }
  const from = forwardFrom(fulfilment, to);
  if (!from) return pickup ? 'Pickup orders are not dispatched: mark them ready for collection' : 'Delivery orders are dispatched, not collected';
  if (!from.includes(status)) return `Orders only move forward: this one is already ${label(status, fulfilment).toLowerCase()}`;
  // Picking goes on while the customer is asked about a change; leaving the store waits for the answer.
  if (to !== 'preparing' && order.changes?.some((c) => c.status === 'pending')) return 'A change is awaiting the customer\'s answer: the order moves on once they answer, or once the store\'s default applies';
  return undefined;
}

/** A status as the console names it for an order of this fulfilment. */
export function label(status: OrderStatus, fulfilment: Fulfilment): string {
  if (status === 'delivered' && fulfilment === 'pickup') return 'Collected';
  return STATUS_LABELS[status];
}

const STATUS_LABELS: Record<OrderStatus, string> = {
  placed: 'Placed', preparing: 'Preparing', ready: 'Ready for collection', dispatched: 'Dispatched', delivered: 'Delivered', cancelled: 'Cancelled',
};

/** Every move the console offers on an order, each with whether it can be made now and, if not, why. */
export function movesOf(order: Pick<Order, 'status' | 'fulfilment' | 'changes'>): { status: OrderStatus; label: string; allowed: boolean; reason?: string }[] {
  const path = ORDER_FLOWS[order.fulfilment].filter((s) => s !== 'placed');
  const other: OrderStatus = order.fulfilment === 'pickup' ? 'dispatched' : 'ready';
  return [...path, other, 'cancelled' as const].map((status) => {
    const reason = refusal(order, status);
    return { status, label: status === 'cancelled' ? 'Cancel order' : label(status, order.fulfilment), allowed: !reason, ...(reason ? { reason } : {}) };
  });
}
