import type { Order, OrderNote } from '../../domain/types';

/** Staff notes on an order: appended, never edited, each in one write whatever else changes the order. */
export interface OrderNotesPort {
  /** Appends a note; returns the order after it, or undefined when there is no such order. */
  addOrderNote(id: string, note: OrderNote): Promise<Order | undefined>;
}
