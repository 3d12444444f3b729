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

interface Job {
  phone: string;
  text: string;
  attempt: number;
}

/**
 * The outbound notification outbox, in process: each message is tried on the customer's channel, and
 * retried with exponential backoff when the platform fails, up to maxAttempts.
 */
export class Outbox {
  private pending = new Set<Promise<void>>();
  readonly delivered: { phone: string; channel: PushChannel; text: string }[] = [];

  private senders: Senders = {};

  constructor(
    private store: Store,
    private log: Logger,
    private opts: OutboxOptions = { maxAttempts: 5, baseDelayMs: 2000 },
  ) {}

  /** Channels register how they send when they start. */
  use(channel: PushChannel, sender: Sender): void {
    this.senders[channel] = sender;
  }

  enqueue(phone: string, text: string): void {
    this.run({ phone, text, attempt: 1 });
  }

  private run(job: Job): void {
    const p = this.attempt(job).finally(() => this.pending.delete(p));
    this.pending.add(p);
  }

  private async attempt(job: Job): Promise<void> {
    const customer = await this.store.getCustomer(job.phone).catch(() => undefined);
    const channel = customer && chooseChannel(customer, this.senders);
    if (!customer || !channel) {
      this.log.warn({ phone: job.phone }, 'no channel can reach this customer; notification dropped');
      return;
    }
    try {
      await this.senders[channel]!.send(job.phone, customer.channels?.[channel], job.text);
      this.delivered.push({ phone: job.phone, channel, text: job.text });
      if (this.delivered.length > 1000) this.delivered.shift();
    } catch (err) {
      if (job.attempt >= this.opts.maxAttempts) {
        this.log.error({ err, channel, attempts: job.attempt }, 'notification failed for good');
        return;
      }
      const delay = this.opts.baseDelayMs * 2 ** (job.attempt - 1);
      this.log.warn({ err, channel, attempt: job.attempt, retryInMs: delay }, 'notification failed; will retry');
      await new Promise((r) => setTimeout(r, delay));
      await this.attempt({ ...job, attempt: job.attempt + 1 });
    }
  }

  /** Resolves when everything queued has been delivered or given up on. */
  async drain(): Promise<void> {
    while (this.pending.size) await Promise.all([...this.pending]);
  }
}
