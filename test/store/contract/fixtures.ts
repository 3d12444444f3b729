import { test } from 'vitest';
import type { ChannelName, Hold, Order, Reply } from '../../../src/domain/types';
import type { TranscriptEntry } from '../../../src/domain/owner';
import type { TurnsPort } from '../../../src/store/store';

export const hold = (over: Partial<Hold> = {}): Hold => ({
  id: 'h1', phone: '+12025550123', sku: 'A', qty: 2, status: 'active', createdAt: 1, expiresAt: 100, ...over,
});
/** A hold of the fixtures' phone (or `phone`), named as the holds port names one. */
export const ref = (id: string, phone = '+12025550123') => ({ id, phone });
export const order = (over: Partial<Order> = {}): Order => ({
  id: 'ORD-1001', phone: '+12025550123', status: 'placed', lines: [], deliveryFeeCents: 0, totalCents: 0,
  fulfilment: 'pickup', channel: 'web', holdIds: [], createdAt: 1, updatedAt: 1, ...over,
});

/** A port's tests, each given a fresh `store` (the adapter under test, seen as the ports the suite covers). */
export function portTest<P>(open: () => Promise<P>) {
  return test.extend<{ store: P }>({
    // eslint-disable-next-line no-empty-pattern
    store: async ({}, use: (value: P) => Promise<void>) => { await use(await open()); },
  });
}

/** A message handled by a turn that changed nothing else: begun and ended, recorded done with its replies. */
export async function recordMessage(
  store: TurnsPort,
  m: { key: string; phone: string; channel: ChannelName; at: number; replies?: Reply[]; transcript?: TranscriptEntry[] },
): Promise<void> {
  const owner = `recorder-${m.key}`;
  if (!(await store.beginTurn(m.phone, { owner, now: m.at, ttlMs: 5000, key: m.key }))) throw new Error('lease busy');
  await store.endTurn(m.phone, { owner, message: { key: m.key, channel: m.channel, at: m.at, replies: m.replies ?? [], ...(m.transcript ? { transcript: m.transcript } : {}) } });
}
