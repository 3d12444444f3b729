// What the owner's console wants to hear about as it happens: orders placed or moved, messages in and out of
// a conversation, customers asking for a human, stock running low. Emitted where the change is made; the
// dashboard's event stream (GET /admin/events) relays them.

export type ConsoleEvent =
  | { type: 'order'; orderId: string }
  | { type: 'transcript'; phone: string }
  | { type: 'handoff'; phone: string }
  | { type: 'low_stock'; sku: string };

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
