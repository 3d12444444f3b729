import type { InboundMessage } from '../../../src/domain/types';
import type { Next } from '../../../src/engine/pipeline/compose';
import { MessageContext, messageKey, type ChannelMiddleware } from '../../../src/engine/pipeline/context';
import type { EngineDeps } from '../../../src/engine/turn';
import { makeCore, silentLog } from '../../helpers';

export const PHONE = '+12025550123';

/** A `next` that counts its calls and runs `then` (what the rest of the chain would do). */
export function stubNext(then: () => Promise<void> | void = () => undefined): Next & { calls: number } {
  const next = Object.assign(async () => { next.calls += 1; await then(); }, { calls: 0 });
  return next;
}

/**
 * A real core on a MemoryStore (its store, inventory, orders and interpreter), the engine's deps built from
 * it, and messages as contexts for one middleware at a time.
 */
export async function kit(env: Record<string, string> = {}) {
  const core = await makeCore(env);
  const c = core.config;
  const deps: EngineDeps = {
    store: core.store, inventory: core.inventory, orders: core.orders, interpreter: core.interpreter, clock: core.clock, log: silentLog,
    faq: new Map(), catalog: core.catalog, observer: core.observer, transcript: core.transcript, events: core.events, promotions: core.promotions,
    config: { storeName: c.STORE_NAME, currency: c.CURRENCY, locale: c.LOCALE, holdMinutes: c.HOLD_MINUTES, deliveryFeeCents: 0 },
  };
  const copy = core.engine.copy;
  let n = 0;
  /** One message as the engine makes its context: `id` undefined for a message without one. */
  const ctx = (text: string, o: { id?: string; channel?: InboundMessage['channel']; duplicates?: 'replay' | 'silent'; use?: ChannelMiddleware; msg?: Partial<InboundMessage> } = {}) => {
    const msg: InboundMessage = { channel: o.channel ?? 'sms', phone: PHONE, text, ...(o.id ? { messageId: o.id } : {}), ...o.msg };
    return new MessageContext(msg, messageKey(msg.channel, PHONE, o.id ?? `auto:${(n += 1)}`), o.duplicates ?? 'replay', { store: core.store, log: silentLog, copy }, core.clock.now(), o.use);
  };
  return { core, deps, copy, ctx, store: core.store, clock: core.clock };
}
