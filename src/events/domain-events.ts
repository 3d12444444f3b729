import type { Order, OrderChange, OrderStatus } from '../domain/types';

/**
 * Who asked for a change: the customer, in their own conversation (which answers them), or the store (its
 * staff or its jobs: the customer hears of it only if told).
 */
export type Actor = 'customer' | 'store';

/**
 * What happened to an order, emitted by Orders once the change is made, by the one caller that made it; and
 * stock received, emitted by Inventory. Subscribers (the notifiers, the console) do the side effects; the
 * code that made the change does none.
 */
export type DomainEvent =
  | { type: 'order.placed'; order: Order }
  | { type: 'order.status_changed'; order: Order; from: OrderStatus[]; by: Actor }
  | { type: 'order.cancelled'; order: Order; by: Actor }
  /** Staff changed an order at picking time: `changes` are the new ones (pending: its customer is to be asked). */
  | { type: 'order.changes_proposed'; order: Order; changes: OrderChange[] }
  /** Pending changes settled: the customer answered (`by` customer), or the store's default applied (`by` store). */
  | { type: 'order.changes_settled'; order: Order; changes: OrderChange[]; by: Actor }
  /** Units of a product came into the store (a delivery, a catalog upload or edit raising stock received). */
  | { type: 'stock.received'; sku: string; qty: number };

type Of<T extends DomainEvent['type']> = Extract<DomainEvent, { type: T }>;
type Listener<T extends DomainEvent['type']> = (event: Of<T>) => void;

/**
 * In-process, synchronous fan-out of domain events: each is heard in the process where the change was made,
 * and only there (a side effect across processes travels its own way: the outbox's queue, the console's
 * relay), so one change is acted on once. A listener's failure goes to `onError` and never reaches the
 * change, which is already made.
 */
export class DomainEvents {
  private listeners = new Map<DomainEvent['type'], Set<(event: DomainEvent) => void>>();

  constructor(private onError: (err: unknown, event: DomainEvent) => void = () => {}) {}

  on<T extends DomainEvent['type']>(type: T, listener: Listener<T>): () => void {
    const set = this.listeners.get(type) ?? new Set();
    this.listeners.set(type, set);
    const l = listener as (event: DomainEvent) => void;
    set.add(l);
    return () => { set.delete(l); };
  }

  emit(event: DomainEvent): void {
    for (const l of this.listeners.get(event.type) ?? []) {
      try { l(event); } catch (err) { this.onError(err, event); }
    }
  }
}

/** What Orders needs of the bus. */
export type DomainEventSink = Pick<DomainEvents, 'emit'>;
