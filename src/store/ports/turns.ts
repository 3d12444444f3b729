import type { ChannelName, Conversation, Customer, MessageRecord, Reply } from '../../domain/types';
import type { TranscriptEntry } from '../../domain/owner';

export interface TurnBegin {
  /** Who takes the customer's lease (as acquireConversationLease). */
  owner: string;
  now: number;
  ttlMs: number;
  /** The message's key (`channel:phone:id`): whether it was handled before is part of what is read. */
  key: string;
}

/** What a message's turn reads when it begins, in the same step that takes the customer's lease. */
export interface BegunTurn {
  customer?: Customer;
  conversation?: Conversation;
  /** This message's record when it was handled before: its replies are the answer again. */
  answered?: MessageRecord;
  /**
   * An earlier attempt of this message began its turn and never ended it (it failed or its process died):
   * it may have got part-way, so this attempt checks what it already did.
   */
  retry: boolean;
  /**
   * Another message's turn began and never ended since (it failed, or its process died): it may have changed
   * something its customer never heard of.
   */
  interrupted: boolean;
}

export interface TurnEnd {
  /** The lease's owner, as given to beginTurn. */
  owner: string;
  /** The message, recorded as done with its replies (and the turn's transcript entries kept with it). */
  message: { key: string; channel: ChannelName; at: number; replies: Reply[]; transcript?: TranscriptEntry[] };
  /** Written when given. */
  customer?: Customer;
  /** Written when given, iff the stored version equals its version (as saveConversation); stored with version + 1. */
  conversation?: Conversation;
}

/**
 * A message's turn on one customer's records, begun and ended in one step each: what lets a store answer a
 * message in two commands when nothing else changes. The same lease as acquireConversationLease /
 * releaseConversationLease (a process renews it with acquireConversationLease while the turn runs).
 */
export interface TurnsPort {
  /**
   * Takes the customer's lease (iff free, expired or already `owner`'s) and reads their customer record,
   * conversation and this message's record if it was handled before; notes the message's key as begun
   * (what makes a later attempt's `retry` true until endTurn records it; releaseConversationLease keeps
   * the note; an adapter may keep only the last few such keys). undefined: another owner holds the lease
   * (nothing read, nothing noted). While the turn runs, an adapter may answer getCustomer, getConversation,
   * listHolds({phone}) and getChannelState(s) of this phone from what it read here, refreshed by its own writes.
   */
  beginTurn(phone: string, begin: TurnBegin): Promise<BegunTurn | undefined>;
  /**
   * In one atomic step: the customer (when given), the conversation (when given, iff its version matches),
   * the message recorded as done (a message recorded before keeps its first replies) and its begun note
   * cleared, and the lease released
   * (iff still `owner`'s). false: the conversation's stored version differs; then nothing is written and the
   * lease is still held (the caller releases it).
   */
  endTurn(phone: string, end: TurnEnd): Promise<boolean>;
}
