import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { ConsoleActor } from '../domain/owner';
import type { ChannelContact, ChannelName, Clock, Delivery, Reply } from '../domain/types';
import { KeyedQueue } from '../lib/keyed-queue';
import type { CustomersPort, OutboundPort, TranscriptsPort } from '../store/store';
import { replyText, type TranscriptRecorder } from '../transcript/recorder';
import { recordRefusal } from './channel-states';
import { retryDelayMs, SendError, SendOutcomeUnknown } from './errors';
import { route, unusable } from './routing';
import { sentEntryId, webInbox } from './web-inbox';

/** Where the store can send without being asked: the platforms, and the web chat (its page reads the transcript). */
export type PushChannel = 'telegram' | 'whatsapp' | 'sms' | 'web';

/** One message to send on one platform, one reply at a time. */
export interface OutboundMessage {
  phone: string;
  channel: PushChannel;
  /** customer.channels[channel] (the Telegram chat id in contact.address). */
  contact?: ChannelContact;
  /**
   * The reply, structured as the engine made it: each sender renders it with its platform's renderer, the
   * same one that renders the answer to a webhook (Telegram buttons, SMS numbered options, the web chat's JSON).
   */
  reply: Reply;
  /** Our id of this outbound message (Delivery.id); Twilio senders pass it in the status callback URL. */
  deliveryId: string;
  /** WhatsApp reported its 24-hour window closed (63016): only the approved template may go. */
  outsideWindow?: boolean;
  /** Who wrote it: the bot, or the store's staff (the web chat shows them apart). */
  from?: 'bot' | 'staff';
  /** The name of the person who wrote a staff message (the transcript keeps it). */
  by?: string;
}

export interface Sender {
  /** Resolves when the platform accepted it; throws SendError: permanent or transient. */
  send(msg: OutboundMessage): Promise<{ providerId?: string }>;
  /** Sending is keeping the message in the transcript (the web chat's mailbox): the outbox does not record it again. */
  readonly keepsTranscript?: boolean;
}

/** What one enqueue call asked for; `id` names its deliveries (`${id}-${index}`) so a retry resumes. */
export interface Notification {
  id?: string;
  phone: string;
  replies: Reply[];
  channel?: PushChannel;
  outsideWindow?: boolean;
  /**
   * Who the transcript says wrote it, once sent: the bot (the default) or the store's staff; false when it is
   * already there (the engine kept the replies to a message, which a channel sends through here).
   */
  record?: 'bot' | 'staff' | false;
  /** The name of the person who wrote a staff message, for the transcript. */
  by?: string;
}

/** Where a staff message went: a push channel (the web chat's is its transcript, which the open page reads). */
export type StaffSend = { ok: true; channel: ChannelName } | { ok: false; reason: 'unknown_customer' | string };

export interface OutboxOptions {
  maxAttempts: number;
  baseDelayMs: number;
}

export interface OutboxDeps {
  /** Deliveries and channel states; the customer, for where to reach them; the transcript, for the web chat's inbox. */
  store: OutboundPort & Pick<CustomersPort, 'getCustomer'> & Pick<TranscriptsPort, 'appendTranscript'>;
  log: Logger;
  clock: Clock;
  retry?: OutboxOptions;
  /** Keeps what was sent in the customer's transcript (the human inbox). */
  transcript?: TranscriptRecorder;
}

/** Settled: nothing more to do for this reply. Failed: it could not go on its channel (try SMS instead). */
type Outcome = 'settled' | 'failed';

const isTransient = (err: unknown) => !(err instanceof SendError) || !err.permanent;
const codeOf = (err: unknown) => (err instanceof SendError ? err.code ?? (err.permanent ? 'permanent' : 'transient') : 'error');
/** Cleared fields are left out, not stored as undefined (an adapter may keep those as null). */
const withoutUndefined = (d: Delivery): Delivery => Object.fromEntries(Object.entries(d).filter(([, v]) => v !== undefined)) as unknown as Delivery;
/** What is logged of a send failure: a platform's message may quote the number, so only its code and kind. */
const failure = (err: unknown) => (err instanceof SendError ? { code: codeOf(err), permanent: err.permanent } : { err });

/**
 * The outbound outbox. `enqueue` hands replies to the queue, which delivers them in order and retries
 * transient failures with backoff: BullMQ when Redis is set (the worker process delivers), else an
 * in-process loop. Every message gets a Delivery record: queued → sent → delivered/undelivered/failed, or
 * skipped with a reason; the records are also what lets a retry resume at the first reply not yet sent.
 */
export class Outbox {
  private pending = new Set<Promise<void>>();
  private senders = new Map<PushChannel, Sender>();
  /** In this process, one customer's notifications go one after another, in the order they were queued. */
  private perPhone = new KeyedQueue();
  private queue?: (n: Notification) => Promise<void>;
  private readonly retry: OutboxOptions;

  constructor(private deps: OutboxDeps) {
    this.retry = deps.retry ?? { maxAttempts: 5, baseDelayMs: 2000 };
    // The web chat needs no platform: what it is sent is kept for its page, in this process or the worker.
    if (deps.transcript) this.senders.set('web', webInbox({ store: deps.store, transcript: deps.transcript }));
  }

  /** Channels register how they send when they start. */
  use(channel: PushChannel, sender: Sender): void {
    this.senders.set(channel, sender);
  }

  /** Sends queued notifications through a job queue instead of the in-process loop. */
  useQueue(queue: (n: Notification) => Promise<void>): void {
    this.queue = queue;
  }

  /**
   * Queues replies for one customer (words alone are a `notification`); never throws, never waits for the
   * platform. With `channel` they go there (a reply to a message that came in on it), else on the
   * customer's last channel that can push. `id` names its deliveries (`${id}-${index}`), for a caller that
   * reads later what became of them (else a new one).
   */
  enqueue(phone: string, text: string | Reply | Reply[], opts: { id?: string; channel?: PushChannel; outsideWindow?: boolean; record?: Notification['record']; by?: string } = {}): void {
    const replies: Reply[] = typeof text === 'string' ? [{ key: 'notification', text }] : Array.isArray(text) ? text : [text];
    if (!replies.length) return;
    const n: Notification = {
      id: opts.id ?? randomUUID(), phone, replies, ...(opts.channel ? { channel: opts.channel } : {}), ...(opts.outsideWindow ? { outsideWindow: true } : {}),
      ...(opts.record !== undefined ? { record: opts.record } : {}), ...(opts.by ? { by: opts.by } : {}),
    };
    const p = (this.queue ? this.queue(n) : this.perPhone.run(phone, () => this.retrying(n, 1)))
      .catch((err) => this.deps.log.error({ err }, 'notification could not be queued'))
      .finally(() => this.pending.delete(p));
    this.pending.add(p);
  }

  /**
   * A message the store's staff wrote, on the customer's last channel (the WhatsApp window rules apply as to
   * any message). For a customer who last wrote in the web chat it is kept before this resolves (the open
   * page shows it within seconds); anyone else gets it queued like a notification. Refused when no channel
   * may carry it now. `by` is who wrote it: the transcript names a signed-in person.
   */
  async staff(phone: string, text: string, by?: ConsoleActor): Promise<StaffSend> {
    const { store } = this.deps;
    const author = by?.kind === 'staff' ? { by: by.name } : {};
    const customer = await store.getCustomer(phone);
    if (!customer) return { ok: false, reason: 'unknown_customer' };
    const r = route({ customer, states: await store.getChannelStates(phone), senders: new Set(this.senders.keys()) });
    if ('skip' in r) return { ok: false, reason: r.skip };
    if (r.channel !== 'web') {
      this.enqueue(phone, text, { record: 'staff', ...author });
      return { ok: true, channel: r.channel };
    }
    // One store write: done now (after what is queued for the phone), so the answer says where it went.
    const id = randomUUID();
    await this.perPhone.run(phone, () => this.deliver({ id, phone, replies: [{ key: 'notification', text }], record: 'staff', ...author }));
    const [kept, fallback] = await Promise.all([store.getDelivery(`${id}-0`), store.getDelivery(`${id}-0-sms`)]);
    if (kept?.status === 'sent') return { ok: true, channel: 'web' };
    return fallback?.status === 'sent' ? { ok: true, channel: 'sms' } : { ok: false, reason: kept?.errorCode ?? 'not_kept' };
  }

  /**
   * One attempt at every reply not yet settled, in order. Throws the SendError of a transient failure, so
   * the runner retries it after a backoff (later replies wait for it); on the `final` attempt that failure
   * is recorded instead and the rest go on.
   */
  async deliver(n: Notification, opts: { final?: boolean } = {}): Promise<void> {
    const id = n.id ?? randomUUID();
    for (const [i, reply] of n.replies.entries()) await this.deliverReply({ ...n, id }, i, reply, opts.final ?? true);
  }

  private async deliverReply(n: Notification & { id: string }, i: number, reply: Reply, final: boolean): Promise<void> {
    const { store, clock, log } = this.deps;
    const id = `${n.id}-${i}`;
    const customer = await store.getCustomer(n.phone);
    const states = await store.getChannelStates(n.phone);
    let d = await store.getDelivery(id);
    if (!d) {
      const r = route({
        customer, states, senders: new Set(this.senders.keys()), ...(n.channel ? { wanted: n.channel } : {}),
        passOver: (channel, reason) => log.info({ channel, reason, deliveryId: id }, 'not sending on this channel'),
      });
      const now = clock.now();
      d = { id, phone: n.phone, channel: r.channel, status: 'queued', attempts: 0, createdAt: now, updatedAt: now };
      if ('skip' in r) {
        log.warn({ channel: r.channel, reason: r.skip, deliveryId: id }, 'message skipped: no channel may carry it');
        await store.putDelivery({ ...d, status: 'skipped', errorCode: r.skip });
        return;
      }
    }
    if ((await this.attempt(d, n, reply, final)) !== 'failed' || d.channel === 'sms') return;
    // It could not go on its channel: SMS, when the number may receive it.
    const fallbackId = `${id}-sms`;
    let f = await store.getDelivery(fallbackId);
    if (!f) {
      const why = unusable('sms', { customer, states: await store.getChannelStates(n.phone), senders: new Set(this.senders.keys()) });
      if (why) { log.warn({ reason: why, deliveryId: id }, 'no SMS fallback for a failed message'); return; }
      const now = clock.now();
      f = { id: fallbackId, phone: n.phone, channel: 'sms', status: 'queued', attempts: 0, createdAt: now, updatedAt: now };
    }
    await this.attempt(f, n, reply, final);
  }

  /** Sends one delivery unless its fate is already known; records what happened. */
  private async attempt(d: Delivery, n: Notification, reply: Reply, final: boolean): Promise<Outcome> {
    const { store, clock, log } = this.deps;
    const put = (patch: Partial<Delivery>) => store.putDelivery(withoutUndefined({ ...d, ...patch, updatedAt: clock.now() }));
    if (d.status === 'failed') return 'failed';
    if (d.status !== 'queued') return 'settled';
    if (d.attempts > 0 && !d.errorCode) {
      // An earlier attempt started and never recorded its end (the process died mid-send): the platform
      // may have taken it, so it is not sent again.
      log.warn({ deliveryId: d.id, channel: d.channel }, 'outcome of an interrupted send unknown; not resending');
      await put({ status: 'sent', errorCode: 'unknown', detail: 'interrupted mid-send; not resent' });
      return 'settled';
    }
    const sender = this.senders.get(d.channel as PushChannel);
    if (!sender) { await put({ status: 'skipped', errorCode: 'channel_not_configured' }); return 'failed'; }
    const attempts = d.attempts + 1;
    await put({ attempts, errorCode: undefined, detail: undefined });
    const contact = (await store.getCustomer(n.phone))?.channels?.[d.channel];
    try {
      const { providerId } = await sender.send({
        phone: n.phone, channel: d.channel as PushChannel, ...(contact ? { contact } : {}), reply,
        deliveryId: d.id, ...(n.outsideWindow ? { outsideWindow: true } : {}),
        from: n.record || 'bot', ...(n.by ? { by: n.by } : {}),
      });
      // A status callback may already have moved it on; keep its word and only add the provider's id.
      const now = await store.getDelivery(d.id);
      if (now && now.status !== 'queued') await store.putDelivery({ ...now, providerId: now.providerId ?? providerId, attempts });
      else await put({ status: 'sent', attempts, ...(providerId ? { providerId } : {}) });
      if (n.record !== false && !sender.keepsTranscript) {
        await this.deps.transcript?.record({ id: sentEntryId(d.id), phone: n.phone, from: n.record ?? 'bot', channel: d.channel, text: replyText(reply), ...(n.by ? { by: n.by } : {}) });
      }
      return 'settled';
    } catch (err) {
      const code = codeOf(err);
      if (err instanceof SendOutcomeUnknown) {
        log.warn({ deliveryId: d.id, channel: d.channel }, 'platform did not answer; outcome unknown, not resending');
        await put({ status: 'sent', attempts, errorCode: code, detail: 'no answer from the platform; not resent (a status callback settles it)' });
        return 'settled';
      }
      if (!isTransient(err)) {
        log.warn({ deliveryId: d.id, channel: d.channel, code }, 'platform refused the message for good');
        await put({ status: 'failed', attempts, errorCode: code });
        await recordRefusal(store, clock, n.phone, d.channel, code);
        return 'failed';
      }
      if (final) {
        log.error({ ...failure(err), deliveryId: d.id, channel: d.channel, attempts }, 'message failed for good after retries');
        await put({ status: 'failed', attempts, errorCode: code, detail: 'gave up after retries' });
        return 'failed';
      }
      log.warn({ ...failure(err), deliveryId: d.id, channel: d.channel, attempts }, 'message failed; will retry');
      await put({ status: 'queued', attempts, errorCode: code });
      throw err instanceof SendError ? err : new SendError((err as Error).message ?? 'send failed', false);
    }
  }

  /** The backoff before attempt `attempt + 1`: exponential, and at least what the platform asked for. */
  backoffMs(attempt: number, err: unknown): number {
    return retryDelayMs(this.retry.baseDelayMs, attempt, err);
  }

  private async retrying(n: Notification, attempt: number): Promise<void> {
    const final = attempt >= this.retry.maxAttempts;
    try {
      await this.deliver(n, { final });
    } catch (err) {
      if (final) { this.deps.log.error({ ...failure(err), attempts: attempt }, 'notification failed for good'); return; }
      const delay = this.backoffMs(attempt, err);
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
    if (this.pending.size) this.deps.log.warn({ unsent: this.pending.size }, 'stopping with notifications still being retried');
  }
}
