import type { Conversation, Stage } from '../../domain/types';

/** One customer's conversation, and the lease that lets one process at a time hold it. */
export interface ConversationsPort {
  getConversation(phone: string): Promise<Conversation | undefined>;
  /** Writes iff the stored version equals conv.version (0 = must not exist yet); the stored copy gets version + 1. */
  saveConversation(conv: Conversation): Promise<boolean>;
  listConversations(filter: { stage?: Stage }): Promise<Conversation[]>;
  /**
   * The lease on a customer's conversation across processes: taken iff free, expired (its holder's `now +
   * ttlMs` is at or before `now`), or already `owner`'s. Every saveConversation and putCustomer of a phone
   * happens under its lease, so an adapter may answer getConversation and getCustomer from memory while its
   * process has held that lease without a break since it last wrote or read them.
   */
  acquireConversationLease(phone: string, owner: string, now: number, ttlMs: number): Promise<boolean>;
  /** Released only by its owner; anyone else's release changes nothing. */
  releaseConversationLease(phone: string, owner: string): Promise<void>;
}
