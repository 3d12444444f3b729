// One whole order as a customer types it by SMS: greeting, registration, items, cart, checkout, yes.
import { createCopy } from '../../src/engine/copy';

export const ORDER_DIALOGUE = [
  'hi', 'Sam Bench', '12 Main Street, Springfield', '2 limes and a dozen eggs', '3 bananas', 'a coke',
  'show my cart', 'checkout', 'delivery', 'yes',
] as const;

/** What the last answer of a completed order says. */
export const PLACED = /ORD-\d+/;

/**
 * The engine's apology when a message failed inside it (copy.ts `trouble`): an answer, but not to the
 * message, so the load counts it as a failed message (a store that cannot take a turn answers every message
 * with it, fast).
 */
export const TROUBLE = createCopy({ storeName: 'Grocer', currency: 'USD', locale: 'en-US' }).trouble;

let next = 0;
const base = 5_000_000 + (process.pid % 1000) * 2000;
/** A phone number no earlier customer of this run used (+1 202 5xx xxxx, valid for libphonenumber). */
export function freshPhone(): string {
  next += 1;
  return `+1202${String(base + next).padStart(7, '0')}`;
}
