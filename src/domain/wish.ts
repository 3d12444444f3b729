/**
 * A customer's wish to hear when a sold-out product is back: one per phone and product. `toldAt` is set once,
 * by whoever claims it when the product is restocked, before the notice goes (so it goes once); the wish is
 * then kept until the customer's next message has had its chance to answer the notice ("yes" adds one).
 */
export interface StockWish {
  phone: string;
  sku: string;
  /** When the customer said "yes, tell me" (a new "yes" renews it). */
  at: number;
  /** When they were told it is back; unset while they wait. */
  toldAt?: number;
}
