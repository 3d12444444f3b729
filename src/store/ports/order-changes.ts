import type { ChangeStatus, Order, OrderChange, OrderLine, OrderStatus } from '../../domain/types';

/** What changes write on an order beside their own records: its lines and total after them. */
export interface OrderContent {
  lines: OrderLine[];
  totalCents: number;
}

/** The guard of a proposal: the order's status, and how many changes it held when the caller read it. */
export interface ProposalGuard {
  from: OrderStatus[];
  /** The order held exactly this many changes, none pending, when read: nothing changed it since. */
  seen: number;
}

/**
 * Changes of placed orders at picking time (Order.changes), each written by one conditional change of the
 * order's record, so of two callers exactly one wins and only the winner moves stock.
 */
export interface OrderChangesPort {
  /**
   * Appends `changes` iff the order's status is one of `guard.from` and it still holds `guard.seen` changes;
   * with `content`, its lines and total change in the same write (a removal made at once). Returns the order
   * after the change to the one caller that won.
   */
  proposeChanges(id: string, guard: ProposalGuard, changes: OrderChange[], content: OrderContent | undefined, at: number): Promise<Order | undefined>;
  /**
   * Every change of `ids` pending → `to` (settled at `at`), and the order's lines and total → `content`, iff all
   * of them are pending and the order's status is one of `from`. Returns the order after it to the winner.
   */
  settleChanges(id: string, from: OrderStatus[], ids: string[], to: ChangeStatus, content: OrderContent, at: number): Promise<Order | undefined>;
  /** Orders with a change awaiting an answer, oldest first: of one phone, and/or due (expiresAt at or before `dueBy`). */
  listAwaitingAnswer(filter: { phone?: string; dueBy?: number }): Promise<Order[]>;
}
