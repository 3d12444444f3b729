// The store's settings: one small document the owner edits in the console (GET/PUT /admin/settings), read by
// the bot for its hours, fees and FAQ answers. Money in cents, times of day as "HH:MM" in the store's zone.
import type { SlotRule } from './slots';

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** One stretch of a day the store is open: "08:00" to "21:00" ("24:00" closes at midnight). */
export interface OpeningWindow { open: string; close: string }

/** A day the store is closed whatever its weekday's hours say (a holiday): YYYY-MM-DD in the store's zone. */
export interface Closure { date: string; note?: string }

/** What "the usual" proposes: the customer's last order, or what they bought most often across their recent ones. */
export const USUAL_MODES = ['last', 'frequent'] as const;
export type UsualMode = (typeof USUAL_MODES)[number];

/** One FAQ entry: the topic, its answer, and the customer's words for it that the rules match questions with. */
export interface FaqEntry {
  topic: string;
  answer: string;
  /** Words or short phrases customers use for the topic (data/faq.json's; may be empty). */
  keywords: string[];
  /** Example questions in customers' own words. */
  questions?: string[];
}

/**
 * The settings document. `version` counts the writes: a save names the version it started from, and is
 * refused when another save came first. New fields (issue 23: slots, slotLeadMinutes) are added beside these.
 */
export interface StoreSettings {
  version: number;
  storeName: string;
  /** How customers reach a person at the store (the answer to an SMS HELP). */
  contact?: string;
  /** IANA time zone the hours, closures and cut-off are in. */
  timeZone: string;
  /** Per weekday, the windows the store is open; an empty list: closed all day. */
  hours: Record<Weekday, OpeningWindow[]>;
  closures: Closure[];
  /** Orders placed after this time of day are prepared on the next opening day; unset: no cut-off. */
  sameDayCutoff?: string;
  deliveryFeeCents: number;
  /** The smallest delivery order, before the fee (0: none). */
  minimumOrderCents: number;
  faq: FaqEntry[];
  /** What "the usual" proposes; unset: 'last' (documents saved before it existed have none). */
  usual?: UsualMode;
  /** Delivery and pickup windows customers choose from at checkout, per weekday; none (or empty): no slot is asked. */
  slots?: SlotRule[];
  /** How long after now the first slot a customer is offered may start (minutes; unset: 0). */
  slotLeadMinutes?: number;
  updatedAt: number;
  /** Who saved it last ("admin", or a staff member's login); unset for the seeded document. */
  updatedBy?: string;
}

/** Open all day, every day: the hours of a store that has not set any (nothing is said about hours). */
export const ALWAYS_OPEN: Record<Weekday, OpeningWindow[]> = Object.fromEntries(
  WEEKDAYS.map((d) => [d, [{ open: '00:00', close: '24:00' }]]),
) as Record<Weekday, OpeningWindow[]>;
