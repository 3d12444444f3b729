// What the store owner's console keeps beside the shop itself: the transcript of every conversation,
// promotions, and the audit trail of stock and price changes.
import type { ChannelName, Reply } from './types';

/** One message in or out of a customer's conversation, kept TRANSCRIPT_DAYS for the human inbox. */
export interface TranscriptEntry {
  id: string;
  phone: string;
  at: number;
  from: 'customer' | 'bot' | 'staff';
  channel: ChannelName;
  text: string;
  /** A message the outbox kept for the web chat: the reply itself, so its page renders it as it renders an answer. */
  reply?: Reply;
  /** Who of the store's people wrote a `staff` message, by name (unset when it came with the admin token). */
  by?: string;
}

export const PROMOTION_KINDS = ['percent', 'multibuy'] as const;
export type PromotionKind = (typeof PROMOTION_KINDS)[number];

/**
 * A discount on a SKU or a whole category: `percent` off, or `multibuy` (buy `buy`, pay for `pay`).
 * Active from startsAt (inclusive) to endsAt (exclusive), epoch ms; unset means open-ended.
 */
export interface Promotion {
  id: string;
  kind: PromotionKind;
  sku?: string;
  category?: string;
  percent?: number;
  buy?: number;
  pay?: number;
  startsAt?: number;
  endsAt?: number;
}

/** A person signed in to the owner's console: the owner or a member of staff. */
export interface StaffActor { kind: 'staff'; login: string; name: string; role: 'owner' | 'staff' }

/** Who did something from the console or the admin API: the shared admin token, or a named person. */
export type ConsoleActor = { kind: 'admin' } | StaffActor;

/** The shared admin token: everything is allowed, and nobody in particular is named. */
export const ADMIN: ConsoleActor = { kind: 'admin' };

/** Who changed stock or a price. */
export type AuditActor =
  | ConsoleActor
  | { kind: 'order'; orderId: string }
  | { kind: 'sweeper' }
  | { kind: 'reconciler' };

/** One field's value in an audit entry: a figure, or (for a product's own fields) its name, unit or whether it is on sale. */
export type AuditValue = number | string | boolean;

/**
 * One change of a product's stock counters, its price, or its other fields (`product`: name, category, unit,
 * aliases, order limit, hidden or shown): who, what, before and after. Stock figures are in the product's base
 * unit (pieces, or grams), prices in cents.
 */
export interface AuditEntry {
  id: string;
  at: number;
  sku: string;
  by: AuditActor;
  what: 'stock' | 'price' | 'product';
  /** A short word on the change: "restock", "checkout", "cancelled", "expired", "repair", "price", "added", "hidden", "shown", "edit". */
  reason: string;
  before: Record<string, AuditValue>;
  after: Record<string, AuditValue>;
}
