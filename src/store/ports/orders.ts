import type { Order, OrderStatus } from '../../domain/types';

export interface OrderFilter {
  phone?: string;
  status?: OrderStatus;
}

export interface TransitionOrderOptions {
  /** Refused while a change of the order awaits its customer's answer (see OrderChangesPort). */
  unlessAwaiting?: boolean;
}

/** Orders, numbered from a store-wide sequence, whose status moves only by a conditional change. */
export interface OrdersPort {
  /** A store-wide increasing sequence, for order numbers. */
  nextSequence(name: string): Promise<number>;
  /** A duplicate id is a bug and throws. */
  insertOrder(order: Order): Promise<void>;
  getOrder(id: string): Promise<Order | undefined>;
  /** Oldest first. */
  listOrders(filter: OrderFilter): Promise<Order[]>;
  /**
   * status → to iff the current status is one of `from` (and, with `unlessAwaiting`, no change of it awaits
   * an answer); returns the order after the change to the winner.
   */
  transitionOrder(id: string, from: OrderStatus[], to: OrderStatus, at: number, opts?: TransitionOrderOptions): Promise<Order | undefined>;
}
