import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { ConsoleEvent, ConsoleEvents } from './console-events';

/** The pub/sub channel every process of one shop shares. */
export const CONSOLE_CHANNEL = 'grocer:console-events';
const TYPES = new Set<ConsoleEvent['type']>(['order', 'transcript', 'handoff', 'low_stock', 'catalog']);

/** A message off Redis as a console event, or undefined when it is not one of ours (or not from another process). */
function parse(raw: string, self: string): ConsoleEvent | undefined {
  let m: unknown;
  try { m = JSON.parse(raw); } catch { return undefined; }
  if (typeof m !== 'object' || m === null) return undefined;
  const { origin, event } = m as { origin?: unknown; event?: Record<string, unknown> };
  if (origin === self || typeof event !== 'object' || event === null || !TYPES.has(event.type as ConsoleEvent['type'])) return undefined;
  if (event.type === 'catalog') return Number.isSafeInteger(event.version) ? { type: 'catalog', version: event.version as number } : undefined;
  const id = event.type === 'order' ? event.orderId : event.type === 'low_stock' ? event.sku : event.phone;
  if (typeof id !== 'string' || id.length > 200) return undefined;
  return event as ConsoleEvent;
}

export interface ConsoleRelay {
  /** Resolves once this process receives what the others publish. */
  ready: Promise<void>;
  close(): Promise<void>;
}

/**
 * Relays console events between the processes of one shop over Redis pub/sub: what is emitted here is
 * published (and heard here at once, without Redis), what another process published is emitted here. So an
 * order placed through one web process reaches a console streaming from another, and a message the worker
 * sent reaches them all. Subscribes on a duplicate of `redis` (a subscribed connection can do nothing else).
 * Redis being away loses events, never a request: publishing failures are logged and dropped.
 */
export function relayConsoleEvents(events: ConsoleEvents, redis: Redis, log: Logger): ConsoleRelay {
  const self = randomUUID();
  // It may wait for Redis to come up: the subscription is kept, and renewed on every reconnect.
  const sub = redis.duplicate({ enableOfflineQueue: true, maxRetriesPerRequest: null });
  sub.on('error', () => { /* reconnects by itself; publishing logs what was lost */ });
  let relaying = false;
  const off = events.on((event) => {
    if (relaying) return;
    redis.publish(CONSOLE_CHANNEL, JSON.stringify({ origin: self, event }))
      .catch((err: unknown) => log.warn({ error: (err as Error).name, type: event.type }, 'console event not relayed to other processes'));
  });
  sub.on('message', (channel: string, raw: string) => {
    if (channel !== CONSOLE_CHANNEL) return;
    const event = parse(raw, self);
    if (!event) return;
    // Listeners run synchronously: what they hear while this flag is set came from Redis, not from here.
    relaying = true;
    try { events.emit(event); } finally { relaying = false; }
  });
  const ready = sub.subscribe(CONSOLE_CHANNEL).then(() => undefined);
  ready.catch((err: unknown) => log.warn({ error: (err as Error).name }, 'console events: could not subscribe to Redis'));
  return {
    ready,
    async close() {
      off();
      sub.disconnect();
    },
  };
}
