import type { Logger } from 'pino';
import type { ChannelContact, ChannelName, Customer } from '../domain/types';
import type { Store } from '../store/store';

/** Delivers one text to a customer on one platform. Throws when the platform refuses or is unreachable. */
export interface Sender {
  send(phone: string, contact: ChannelContact | undefined, text: string): Promise<void>;
}

export type PushChannel = 'telegram' | 'whatsapp' | 'sms';
export type Senders = Partial<Record<PushChannel, Sender>>;

/** The channel a message the store starts goes out on: the one the customer last wrote from, if it can push. */
export function chooseChannel(customer: Customer, senders: Senders): PushChannel | undefined {
  const has = (c: PushChannel) => senders[c] !== undefined && (c !== 'telegram' || customer.channels?.telegram?.address !== undefined);
  const last = customer.lastChannel;
  const preferred: Partial<Record<ChannelName, PushChannel>> = { telegram: 'telegram', whatsapp: 'whatsapp', sms: 'sms', voice: 'sms' };
  const first = last ? preferred[last] : undefined;
  if (first && has(first)) return first;
  // Last seen on the web chat or the API, or that platform is not set up: the most recent channel that can push.
  const seen = (Object.entries(customer.channels ?? {}) as [ChannelName, ChannelContact][])
    .sort((a, b) => b[1].lastInboundAt - a[1].lastInboundAt)
    .map(([c]) => preferred[c])
    .filter((c): c is PushChannel => c !== undefined && has(c));
  return seen[0] ?? (has('sms') ? 'sms' : undefined);
}

export interface OutboxOptions {
  maxAttempts: number;
  baseDelayMs: number;
}

export interface Notification {
  phone: string;
  text: string;
}

/**
 * The outbound notification outbox. `deliver` makes one attempt on the customer's channel and throws if
 * the platform fails; `enqueue` hands the message to the queue, which retries with backoff: BullMQ when
 * Redis is set (the worker process delivers), else an in-process loop.
 */
export class Outbox {
  private pending = new Set<Promise<void>>();
  private senders: Senders = {};
  private queue?: (n: Notification) => Promise<void>;

  constructor(
    private store: Store,
    private log: Logger,
    private opts: OutboxOptions = { maxAttempts: 5, baseDelayMs: 2000 },
  ) {}

  /** Channels register how they send when they start. */
  use(channel: PushChannel, sender: Sender): void {
    this.senders[channel] = sender;
  }

  /** Sends queued notifications through a job queue instead of the in-process loop. */
  useQueue(queue: (n: Notification) => Promise<void>): void {
    this.queue = queue;
  }

  /** Queues a message; never throws and never waits for the platform (a request must not hang on it). */
  enqueue(phone: string, text: string): void {
    const p = (this.queue ? this.queue({ phone, text }) : this.retrying({ phone, text }, 1))
      .catch((err) => this.log.error({ err }, 'notification could not be queued'))
      .finally(() => this.pending.delete(p));
    this.pending.add(p);
  }

  /** One attempt. Returns 'unreachable' when no channel can reach the customer (no point retrying). */
  async deliver(n: Notification): Promise<'sent' | 'unreachable'> {
    const customer = await this.store.getCustomer(n.phone);
    const channel = customer && chooseChannel(customer, this.senders);
    if (!customer || !channel) {
      this.log.warn({ phone: n.phone }, 'no channel can reach this customer; notification dropped');
      return 'unreachable';
    }
    await this.senders[channel]!.send(n.phone, customer.channels?.[channel], n.text);
    return 'sent';
  }

  private async retrying(n: Notification, attempt: number): Promise<void> {
    try {
      await this.deliver(n);
    } catch (err) {
      if (attempt >= this.opts.maxAttempts) {
        this.log.error({ err, attempts: attempt }, 'notification failed for good');
        return;
      }
      const delay = this.opts.baseDelayMs * 2 ** (attempt - 1);
      this.log.warn({ err, attempt, retryInMs: delay }, 'notification failed; will retry');
      await new Promise((r) => setTimeout(r, delay));
      await this.retrying(n, attempt + 1);
    }
  }

  /**
   * Resolves when everything queued has been handed over, delivered or given up on, or after `maxMs`
   * (shutdown must not wait out a long retry backoff; those messages are logged as not sent).
   */
  async drain(maxMs = Infinity): Promise<void> {
    const deadline = Date.now() + maxMs;
    while (this.pending.size && Date.now() < deadline) {
      const left = deadline - Date.now();
      await Promise.race([Promise.all([...this.pending]), ...(Number.isFinite(left) ? [new Promise((r) => setTimeout(r, left))] : [])]);
    }
    if (this.pending.size) this.log.warn({ unsent: this.pending.size }, 'stopping with notifications still being retried');
  }
}
