import type { DomainEvents } from './domain-events';

// What the owner's console wants to hear about as it happens: orders placed or moved, messages in and out of
// a conversation, customers asking for a human, stock running low, products changed. Emitted where the change is made; the
// dashboard's event stream (GET /admin/events) relays them.

export type ConsoleEvent =
  | { type: 'order'; orderId: string }
  | { type: 'transcript'; phone: string }
  | { type: 'handoff'; phone: string }
  | { type: 'low_stock'; sku: string }
  /** Products were written in some process, leaving the catalog at `version`: every process reads them again. */
  | { type: 'catalog'; version: number };

export type ConsoleListener = (event: ConsoleEvent) => void;

/** In-process fan-out; listeners never break the code that emits (their errors are swallowed). */
export class ConsoleEvents {
  private listeners = new Set<ConsoleListener>();

  on(listener: ConsoleListener): () => void {
    this.listeners.add(listener);
    return () => { this.listeners.delete(listener); };
  }

  emit(event: ConsoleEvent): void {
    for (const l of this.listeners) {
      try { l(event); } catch { /* a listener's failure is its own */ }
    }
  }
}

/** The console hears of every order placed, moved, changed or cancelled, in the process where it happened (its relay tells the others). */
export function consoleFollowsOrders(domain: Pick<DomainEvents, 'on'>, events: Pick<ConsoleEvents, 'emit'>): void {
  for (const type of ['order.placed', 'order.status_changed', 'order.cancelled', 'order.changes_proposed', 'order.changes_settled'] as const) {
    domain.on(type, (e) => events.emit({ type: 'order', orderId: e.order.id }));
  }
}
