import type { Document } from 'mongodb';
import type { ChannelName, ChannelState, Conversation, Customer, Hold, MessageRecord, Reply } from '../../domain/types';
import type { TranscriptEntry } from '../../domain/owner';

/** One handled message, kept in its customer's document (newest last) and later in the `messages` archive. */
export interface MessageEntry {
  key: string;
  channel: ChannelName;
  at: number;
  state: 'done';
  replies: Reply[];
  transcript?: TranscriptEntry[];
}

export interface Lease {
  owner: string;
  until: number;
}

/**
 * A customer's whole live state, `customers` keyed by phone: the Customer fields at top level (absent
 * `createdAt`: no customer yet, only a lease or a hold), their conversation, lease, holds (the cart, any
 * status), their state on each platform and their recently handled messages. Every write $sets only the
 * fields it changes, so writers of different fields never undo each other.
 */
export interface CustomerDoc extends Partial<Customer> {
  _id: string;
  conversation?: Conversation;
  lease?: Lease;
  holds?: Hold[];
  channelStates?: Partial<Record<ChannelName, ChannelState>>;
  messages?: MessageEntry[];
  /** Keys of this customer's messages moved to the `messages` archive (the last few hundred). */
  archivedKeys?: string[];
  /**
   * Keys of the messages whose turn began here, one entry per beginning, until the turn's end pulls them
   * (the last OPEN_KEPT beginnings): a key begun twice without an end is a retry (TurnsPort.beginTurn).
   */
  open?: string[];
}

/** How many beginnings of unended turns a document keeps (see CustomerDoc.open). */
export const OPEN_KEPT = 50;

/** The archive of message entries moved out of customer documents: `messages`, keyed by the message key. */
export interface ArchivedMessage extends Omit<MessageEntry, 'key'> {
  _id: string;
  phone: string;
  /** Set on entries without a transcript: the TTL index deletes them then (entries with one wait for maintain). */
  expireAt?: Date;
}

const CUSTOMER_FIELDS = ['phone', 'name', 'address', 'createdAt', 'registeredAt', 'channels', 'lastChannel'] as const;
type Unlisted = Exclude<keyof Customer, (typeof CUSTOMER_FIELDS)[number]>;
/** A compile error here means a Customer field was added without listing it above. */
const everyFieldListed: Unlisted extends never ? true : never = true;
void everyFieldListed;

/** What a read of the customer alone asks for: everything but the other parts of the document. */
export const CUSTOMER_ONLY = { conversation: 0, lease: 0, holds: 0, channelStates: 0, messages: 0, archivedKeys: 0, open: 0 } as const;

/** The customer record in a document, or undefined when it has none yet. */
export function customerOf(doc: Partial<CustomerDoc> | null | undefined): Customer | undefined {
  if (!doc || doc.createdAt === undefined) return undefined;
  const out: Record<string, unknown> = {};
  for (const f of CUSTOMER_FIELDS) if (doc[f] !== undefined) out[f] = structuredClone(doc[f]);
  return out as unknown as Customer;
}

/** The $set and $unset that make a document's customer fields exactly `customer`. */
export function customerWrite(customer: Customer): { set: Document; unset: Document } {
  const set: Document = {};
  const unset: Document = {};
  for (const f of CUSTOMER_FIELDS) {
    if (customer[f] !== undefined) set[f] = customer[f];
    else unset[f] = '';
  }
  return { set, unset };
}

/** A lease `owner` may take now: none, expired, or already theirs. */
export const leaseTakable = (owner: string, now: number): Document => ({
  $or: [{ lease: { $exists: false } }, { 'lease.owner': owner }, { 'lease.until': { $lte: now } }],
});

/** The filter that holds iff the stored conversation is at `version` (0: there is none yet). */
export const conversationAt = (version: number): Document =>
  (version === 0 ? { conversation: { $exists: false } } : { 'conversation.version': version });

export const recordOf = (phone: string, e: MessageEntry): MessageRecord =>
  ({ key: e.key, phone, channel: e.channel, at: e.at, state: e.state, replies: e.replies });
