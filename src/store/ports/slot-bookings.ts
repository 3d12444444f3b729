import type { DatedSlot, OfferedSlot } from '../../domain/slots';

/**
 * The places taken in each dated delivery slot: held by a customer at checkout (until a moment, then lapsed)
 * or booked by an order. A slot never takes more than its capacity, however many customers race for it:
 * each change is one conditional update of that slot's record. Every call is safe to repeat.
 */
export interface SlotBookingsPort {
  /**
   * Holds a place for the phone until `until` (a place it already holds is kept, to the new `until`); false
   * when the slot is full (places held past their `until` by `now` are free again).
   */
  holdSlot(slot: OfferedSlot, phone: string, until: number, now: number): Promise<boolean>;
  /** Gives up the phone's held place (a booked one stays booked); nothing when it holds none. */
  releaseSlot(slot: DatedSlot, phone: string): Promise<void>;
  /**
   * Books a place for the order: the phone's held place becomes the order's, or, with none held, a free
   * place is taken; true when the order has its place (also when it had it already), false when full.
   */
  bookSlot(slot: OfferedSlot, phone: string, orderId: string, now: number): Promise<boolean>;
  /** Frees the order's place (its order was cancelled); nothing when it has none. */
  freeSlot(slot: DatedSlot, orderId: string): Promise<void>;
  /** Places taken now in each of these slots (held and not lapsed, or booked), by slot key; absent: none. */
  slotsTaken(slots: readonly DatedSlot[], now: number): Promise<Map<string, number>>;
}
