import type { ConversationsPort } from './conversations';

/**
 * The lease as src/engine/lease.ts asks for it today: by a key, `conversation:<phone>`. It is the
 * conversations port's lease of that phone; the adapters implement only that one, and this translates the
 * engine's key in one place, until the engine asks the conversations port directly.
 */
export interface KeyedLeasePort {
  acquireLease(key: string, owner: string, now: number, ttlMs: number): Promise<boolean>;
  releaseLease(key: string, owner: string): Promise<void>;
}

const PREFIX = 'conversation:';

/** The phone whose conversation the engine's lease key names. */
export function leasedPhone(key: string): string {
  if (!key.startsWith(PREFIX)) throw new Error(`a lease is a conversation's ("${PREFIX}<phone>"), not "${key}"`);
  return key.slice(PREFIX.length);
}

type ConversationLease = Pick<ConversationsPort, 'acquireConversationLease' | 'releaseConversationLease'>;

/** acquireLease/releaseLease over a conversations port, for an adapter to expose as its KeyedLeasePort. */
export const keyedLease = {
  acquire: async (port: ConversationLease, key: string, owner: string, now: number, ttlMs: number) =>
    port.acquireConversationLease(leasedPhone(key), owner, now, ttlMs),
  release: async (port: ConversationLease, key: string, owner: string) => port.releaseConversationLease(leasedPhone(key), owner),
};
