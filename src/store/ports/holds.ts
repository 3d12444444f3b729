import type { Hold, HoldStatus } from '../../domain/types';

export interface HoldFilter {
  phone?: string;
  sku?: string;
  status?: HoldStatus;
  /** Only holds whose expiresAt is at or before this instant. */
  expiresBefore?: number;
  orderId?: string;
}

/** A hold named by its id and its customer's phone: the phone routes the command to the customer's record. */
export interface HoldRef {
  id: string;
  phone: string;
}

export interface TransitionOptions {
  orderId?: string;
  ifExpiredBy?: number;
}

/**
 * Holds: a customer's cart lines, each reserving stock until it expires, is released or is converted into an
 * order. A hold changes state only by a conditional change of its status; held quantities must be positive
 * integers (an adapter throws a RangeError otherwise).
 */
export interface HoldsPort {
  /**
   * Inserts an active hold; false when the phone already has an active hold for that SKU (one per cart
   * line). A duplicate id is a bug and throws.
   */
  insertHold(hold: Hold): Promise<boolean>;
  getHold(ref: HoldRef): Promise<Hold | undefined>;
  listHolds(filter: HoldFilter): Promise<Hold[]>;
  /**
   * status from → to iff the hold is in `from` (and, with ifExpiredBy, its expiresAt is at or before that
   * instant); returns the hold after the change to the one caller that won.
   */
  transitionHold(ref: HoldRef, from: HoldStatus, to: HoldStatus, opts?: TransitionOptions): Promise<Hold | undefined>;
  /**
   * Checkout's conversion of one phone's cart: every hold of `ids` active → converted (with `orderId`) in one
   * atomic change, or none of them when any is not active (those are `lost`). Returns the holds as converted.
   */
  convertHolds(phone: string, ids: string[], orderId: string): Promise<{ converted: Hold[]; lost: string[] }>;
  /** qty from → to iff the hold is active with qty `from`; records `opKey` (the message that made the change) when given. */
  setHoldQty(ref: HoldRef, from: number, to: number, opKey?: string): Promise<boolean>;
  /**
   * Moves the expiry of every active hold of a phone to `expiresAt`, but never past `maxAgeMs` after the
   * hold was made (each hold by its own createdAt).
   */
  extendHolds(phone: string, expiresAt: number, maxAgeMs?: number): Promise<void>;
  /**
   * The reconciler's repair of cart-line claims: an adapter that keeps one record per cart line beside the
   * holds frees those whose hold is missing or no longer active, left by a crash between the two writes;
   * returns how many it freed. An adapter without such records returns 0.
   */
  repairCartLines(): Promise<number>;
}
