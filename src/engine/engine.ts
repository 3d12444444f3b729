import { randomUUID } from 'node:crypto';
import { MAX_MESSAGE_CHARS, type ChannelName, type Conversation, type Customer, type InboundMessage, type MediaPart, type Reply, type Stage, type Unit } from '../domain/types';
import { placed } from './stages/checkout';
import { offerAgain } from './proposal';
import { tellUntold } from './untold';
import { smsKeyword, type SmsKeyword } from './keywords';
import { createCopy, OPTION, type Copy } from './copy';
import { Leases } from './lease';
import { KeyedQueue } from '../lib/keyed-queue';
import { route } from './stages/router';
import { optionAction, type Action } from './options';
import { conversationOf, normalised } from './stages/asking';
import { closeIdle, expireCheckout, releaseHandoff } from './stages/lifecycle';
import { Turn, type EngineDeps } from './turn';
import { replyText, type TranscriptWrite } from '../transcript/recorder';

/** Where STOP and START are keywords, and a customer may have opted out. */
const KEYWORD_CHANNELS: ReadonlySet<ChannelName> = new Set(['sms', 'whatsapp']);
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\ufeff]/g;

/** Control characters out, whitespace tidied; what is left is what the customer wrote. */
export function cleanText(text: string): string {
  return text.replace(CONTROL, '').replace(/\s+/g, ' ').trim();
}

/** The key of a message's record: its id is scoped to its channel and phone. */
export function messageKey(channel: ChannelName, phone: string, messageId: string): string {
  return `${channel}:${phone}:${messageId}`;
}

/** A cart line put back on the shelf, to be told; `longest`: it was held as long as any line may be. */
type PutBack = { sku: string; unit: Unit; qty: number; name: string; longest: boolean };

/**
 * The conversation engine: one InboundMessage in, the replies out. Messages of one phone are handled
 * strictly one at a time in arrival order. A message is recorded as pending before its turn runs and done
 * with its replies after, so a message id handled before is answered from that record, and one whose turn
 * failed is run again when it comes back (what a failed attempt changed is keyed by the message, so a
 * retry changes it once).
 */
export class Engine {
  private queue = new KeyedQueue();
  private leases: Leases;
  readonly copy: Copy;

  constructor(private deps: EngineDeps) {
    this.copy = createCopy(deps.config);
    this.leases = new Leases(deps.store, deps.clock, deps.config.lease);
  }

  /**
   * Handles one message. A message id seen before is not handled again: its replies are replayed (the
   * API and phone calls, whose caller is waiting for an answer), or with `duplicates: 'silent'` nothing
   * is returned (webhooks whose platform already delivered the first answer). A phone over its rate limit
   * gets one "one moment" and then nothing until the window passes; its messages change nothing.
   */
  handle(msg: InboundMessage, opts: { duplicates?: 'replay' | 'silent' } = {}): Promise<Reply[]> {
    const started = performance.now();
    const keyword = smsKeyword(msg);
    const duplicates = opts.duplicates ?? 'replay';
    // Every message gets a record (which also counts it for the stats); only a given id can repeat.
    const key = messageKey(msg.channel, msg.phone, msg.messageId ?? `auto:${randomUUID()}`);
    return this.answered(msg, key, duplicates)
      .then(async ({ done, created }) => done ?? (await this.admit(msg, key, created, keyword)) ?? this.serial(msg.phone, () => this.once(msg, key, duplicates, keyword, created)))
      .catch((err) => {
        this.deps.log.error({ err, channel: msg.channel }, 'message could not be handled');
        this.deps.observer.error('engine');
        return [{ key: 'trouble', text: this.copy.trouble }];
      }).then((replies) => {
        this.deps.log.debug({ channel: msg.channel, phone: msg.phone, messageId: msg.messageId, text: msg.text, replies: replies.length }, 'message handled');
        this.deps.observer.message(msg.channel, (performance.now() - started) / 1000, replies.length);
        return replies;
      });
  }

  /**
   * A redelivery of a message already answered: its replies again (or none), without spending the rate limit.
   * A message with an id is recorded pending here, in the one command that also finds a record made before
   * (`created`: this call made it, so the turn need not ask again). A message held back by the rate limit
   * keeps its pending record: the same id sent again is handled then.
   */
  private async answered(msg: InboundMessage, key: string, duplicates: 'replay' | 'silent'): Promise<{ done?: Reply[]; created: boolean }> {
    if (!msg.messageId) return { created: false };
    const { record, created } = await this.deps.store.startMessage({ key, phone: msg.phone, channel: msg.channel, at: this.deps.clock.now() });
    if (record.state !== 'done') return { created };
    return { done: duplicates === 'replay' ? record.replies ?? [] : [], created };
  }

  /** The rate limit: undefined lets the message in, else the replies it gets instead. STOP is never held back. */
  private async admit(msg: InboundMessage, key: string, created: boolean, keyword: SmsKeyword | undefined): Promise<Reply[] | undefined> {
    if (!this.deps.limiter || keyword === 'stop') return undefined;
    const verdict = await this.deps.limiter.take(msg.phone).catch((err: unknown) => {
      // A limiter that cannot be asked (Redis down) lets messages through rather than drop them.
      this.deps.log.warn({ err, channel: msg.channel }, 'rate limiter unavailable; message let through');
      return 'ok' as const;
    });
    if (verdict === 'ok') return undefined;
    const replies: Reply[] = verdict === 'first_over' ? [{ key: 'one_moment', text: this.copy.oneMoment }] : [];
    // A message held back is answered (by that, or by nothing) and done: sent again, it is not mistaken for
    // a retry of a turn that began. A record that was already pending (a real retry) stays retryable.
    if (created) await this.deps.store.finishMessage(key, replies);
    return replies;
  }

  private serial<T>(phone: string, task: () => Promise<T>): Promise<T> {
    return this.queue.run(phone, () => this.leases.run(`conversation:${phone}`, task));
  }

  /** Gives a customer in human handoff back to the bot; their next message is answered again. */
  release(phone: string): Promise<'released' | 'not_waiting'> {
    return this.serial(phone, async () => {
      const saved = await this.deps.store.getConversation(phone);
      const conv = saved && normalised(saved);
      if (!conv || !releaseHandoff(conv)) return 'not_waiting';
      if (!(await this.deps.store.saveConversation(conv))) throw new Error('conversation was changed by another process');
      return 'released';
    });
  }

  /**
   * Closes a conversation quiet for `idleMs`: its cart is released and the customer told once, on the
   * channel they last used. Runs under the customer's lease, so it never races their next message.
   */
  closeIdle(phone: string, idleMs: number, tell: (text: string) => void): Promise<boolean> {
    return this.serial(phone, async () => {
      const { store, inventory, clock } = this.deps;
      const saved = await store.getConversation(phone);
      const now = clock.now();
      const conv = saved && normalised(saved);
      if (!conv || conv.stage === 'handoff' || now - conv.updatedAt < idleMs || (conv.closedAt ?? 0) >= conv.updatedAt) return false;
      const active = await store.listHolds({ phone, status: 'active' });
      await inventory.releaseAll(phone);
      // Holds the sweeper expired since the customer last wrote are part of the same cart.
      const expired = (await store.listHolds({ phone, status: 'expired' })).filter((h) => h.expiresAt >= conv.updatedAt);
      const names = [...new Set([...active, ...expired].map((h) => this.deps.catalog.products().get(h.sku)?.name ?? h.sku))];
      closeIdle(conv);
      conv.closedAt = now;
      // Told here: the next turn does not tell them again.
      conv.held = undefined;
      if (!(await store.saveConversation(conv))) throw new Error('conversation was changed by another process');
      if (names.length) tell(this.copy.cartReleased(names));
      return true;
    });
  }

  /** Waits for every message in flight, for graceful shutdown. */
  drain(): Promise<void> {
    return this.queue.drain();
  }

  /** `started`: this process created the message's record just before (answered), so nobody else has run it. */
  private async once(msg: InboundMessage, key: string, duplicates: 'replay' | 'silent', keyword: SmsKeyword | undefined, started: boolean): Promise<Reply[]> {
    const { store, log } = this.deps;
    try {
      // Else asked again under the customer's lease: another delivery of the same id may have run meanwhile.
      const { record, created } = started ? { record: undefined, created: true }
        : await store.startMessage({ key, phone: msg.phone, channel: msg.channel, at: this.deps.clock.now() });
      if (!created && record?.state === 'done') return duplicates === 'replay' ? record.replies ?? [] : [];
      const replies = keyword ? await this.keyword(msg, keyword) : await this.turn(msg, key, !created);
      // The turn is committed (its conversation saved): if the record cannot be finished now, the customer
      // still gets the answer, and a redelivery replays it from the conversation. The transcript goes with
      // the record, in one write; if that fails it is written alone (a retry's entries are the same ones).
      const writes = this.transcript(msg, key, replies);
      const entries = this.deps.transcript?.entries(writes);
      await store.finishMessage(key, replies, entries).then(
        () => { if (entries) this.deps.transcript?.kept(msg.phone); },
        async (err: unknown) => {
          log.error({ err, channel: msg.channel }, 'message record could not be finished');
          await this.deps.transcript?.recordAll(writes);
        },
      );
      return replies;
    } catch (err) {
      // The record stays pending: the same message id, sent again, runs the turn again.
      log.error({ err, channel: msg.channel }, 'message handling failed');
      this.deps.observer.error('engine');
      await this.keep(msg, key, []);
      return [{ key: 'trouble', text: this.copy.trouble }];
    }
  }

  /** SMS and WhatsApp keywords: STOP records the opt-out (no reply: the platform confirms it), START undoes it, HELP says who to ask. */
  private async keyword(msg: InboundMessage, keyword: SmsKeyword): Promise<Reply[]> {
    const { store, clock } = this.deps;
    if (keyword === 'help') return [{ key: 'sms_help', text: `${this.copy.smsHelp}\n\n${this.copy.help}` }];
    const now = clock.now();
    // Noted on the customer too (first: a crash before the channel's state leaves the message to be retried),
    // where every turn reads it without asking the store again.
    const customer = await store.getCustomer(msg.phone);
    if (customer) {
      const seen = customer.channels?.[msg.channel];
      customer.channels = { ...customer.channels, [msg.channel]: { ...seen, lastInboundAt: seen?.lastInboundAt ?? now, optedOut: keyword === 'stop' } };
      await store.putCustomer(customer);
    }
    const unreachable = (await store.getChannelState(msg.phone, msg.channel))?.unreachable;
    await store.putChannelState({
      phone: msg.phone, channel: msg.channel, updatedAt: now,
      ...(unreachable ? { unreachable } : {}),
      ...(keyword === 'stop' ? { optedOutAt: now } : {}),
    });
    // On SMS the carrier (Twilio's Advanced Opt-Out) confirms STOP and START itself; WhatsApp does not.
    return keyword === 'start' && msg.channel === 'whatsapp' ? [{ key: 'opted_back_in', text: this.copy.optedBackIn }] : [];
  }

  /**
   * A customer who sent STOP on SMS or WhatsApp is not handled there until START: anything we answered
   * would be sent to someone who asked for silence (and Twilio refuses it with 21610). A STOP noted on the
   * customer's record (see keyword) needs no read; otherwise the channel's state is read, since an opt-out
   * Twilio reports (error 21610, recorded by the outbox outside the customer's lease) is only there.
   */
  private async optedOut(msg: InboundMessage, customer: Customer): Promise<boolean> {
    if (!KEYWORD_CHANNELS.has(msg.channel)) return false;
    const out = customer.channels?.[msg.channel]?.optedOut === true
      || Boolean((await this.deps.store.getChannelState(msg.phone, msg.channel))?.optedOutAt);
    if (!out) return false;
    this.deps.log.info({ channel: msg.channel }, 'message from a customer who opted out on this channel: not handled, not answered');
    return true;
  }

  private async turn(msg: InboundMessage, key: string, retry: boolean): Promise<Reply[]> {
    const { store, inventory, clock } = this.deps;
    const now = clock.now();
    const customer: Customer = (await store.getCustomer(msg.phone)) ?? { phone: msg.phone, createdAt: now };
    if (await this.optedOut(msg, customer)) return [];
    const conv: Conversation = conversationOf(await store.getConversation(msg.phone), msg.phone, now);
    // An attempt of this message got as far as saving the conversation: it is done, say it again. Checked on
    // a first attempt too: another delivery of the same id may have run while this one waited for the lease.
    if (conv.lastTurn?.key === key) return conv.lastTurn.replies;
    customer.lastChannel = msg.channel;
    const seen = customer.channels?.[msg.channel];
    // Reaching here on SMS or WhatsApp means not opted out there (optedOut above).
    const optedOut = KEYWORD_CHANNELS.has(msg.channel) ? { optedOut: false } : {};
    customer.channels = { ...customer.channels, [msg.channel]: { address: msg.replyTo ?? seen?.address, lastInboundAt: now, ...optedOut } };
    if (conv.stage === 'handoff') {
      await store.putCustomer(customer);
      return this.whileWaiting(conv, key, now);
    }
    // A retried "yes" whose first attempt placed the order: the same confirmation, not a second order.
    const order = retry ? await this.deps.orders.resume(msg.phone, key) : undefined;
    if (!order && now - conv.updatedAt > this.deps.config.holdMinutes * 60_000) expireCheckout(conv);
    const turn = new Turn(this.deps, this.copy, msg, customer, conv, cleanText(msg.text), key, retry);
    await turn.cart();
    if (!retry && !order) await tellUntold(turn);
    const putBack = await this.putBack(turn);
    if (putBack.length) this.tellPutBack(turn, putBack);
    if (order) placed(turn, order);
    else await this.route(turn);
    if (putBack.length) await offerAgain(turn, putBack);
    const { holds } = await turn.cart();
    if (customer.registeredAt) await inventory.touch(msg.phone, holds);
    conv.held = holds.map((h) => ({ id: h.id, qty: h.qty }));
    await store.putCustomer(customer);
    conv.options = turn.replies.at(-1)?.options;
    conv.updatedAt = now;
    conv.lastTurn = { key, replies: turn.replies };
    if (!(await store.saveConversation(conv))) throw new Error('conversation was changed by another process');
    if ((conv.stage as Stage) === 'handoff') this.deps.events?.emit({ type: 'handoff', phone: msg.phone });
    return turn.replies;
  }

  /**
   * A message while the customer waits for a person: the first gets a short acknowledgement; later ones get
   * none (staff read them in the inbox) until staff have answered or HANDOFF_REMIND_MINUTES have passed.
   */
  private async whileWaiting(conv: Conversation, key: string, now: number): Promise<Reply[]> {
    // Still talking to us: the cart is kept while they wait, as on any message.
    await this.deps.inventory.touch(conv.phone, await this.deps.store.listHolds({ phone: conv.phone, status: 'active' }));
    const handoff = conv.handoff ?? { reason: 'asked' as const };
    const last = handoff.acknowledgedAt;
    const remindMs = (this.deps.config.handoffRemindMinutes ?? 15) * 60_000;
    const due = last === undefined || now - last >= remindMs
      || (await this.deps.store.listTranscript(conv.phone, 50)).some((e) => e.from === 'staff' && e.at > last);
    if (!due) return [];
    const replies: Reply[] = [{ key: 'handoff_waiting', text: this.copy.handoffWaiting }];
    conv.handoff = { ...handoff, acknowledgedAt: now };
    conv.lastTurn = { key, replies };
    if (!(await this.deps.store.saveConversation(conv))) throw new Error('conversation was changed by another process');
    return replies;
  }

  private tellPutBack(turn: Turn, lines: PutBack[]): void {
    const maxMinutes = Math.round(this.deps.inventory.limits.holdMaxMs / 60_000);
    const idle = lines.filter((l) => !l.longest);
    const longest = lines.filter((l) => l.longest);
    if (longest.length) turn.say('held_expired', this.copy.heldExpired(longest, maxMinutes, true));
    if (idle.length) turn.say('held_expired', this.copy.heldExpired(idle, this.deps.config.holdMinutes));
  }

  /**
   * Cart lines put back on the shelf since the customer last heard from us, whoever put them back: this
   * turn (overdue holds expired on reading the cart) or the sweeper since the last turn (a hold the last
   * turn left in the cart and that has expired since). Each is told once: the next turn remembers only the
   * cart as it is now.
   */
  private async putBack(turn: Turn): Promise<PutBack[]> {
    const swept = (await turn.leftUnseen()).filter((h) => h.status === 'expired');
    const catalog = await turn.catalog();
    return [...turn.expired, ...swept].map((h) => {
      const p = catalog.get(h.sku);
      // A line renewed by messages still ends HOLD_MAX after it was made: that is not for want of a message.
      const longest = h.expiresAt >= h.createdAt + this.deps.inventory.limits.holdMaxMs;
      return { sku: h.sku, qty: h.qty, unit: p?.unit ?? 'each', name: p?.name ?? h.sku, longest };
    });
  }

  /**
   * The transcript of a message: what the customer wrote and what the bot answered. Ids come from the
   * message's key, so entries written again by a retry are the same entries.
   */
  private transcript(msg: InboundMessage, key: string, replies: Reply[]): TranscriptWrite[] {
    const entry = (id: string, from: 'customer' | 'bot', text: string) => ({ id: `${key}#${id}`, phone: msg.phone, channel: msg.channel, from, text });
    return [
      entry('in00', 'customer', msg.text),
      ...replies.map((r, i) => entry(`out${String(i).padStart(2, '0')}`, 'bot', replyText(r))),
    ];
  }

  /** The transcript written alone (a turn that failed: its record stays pending). Never throws. */
  private keep(msg: InboundMessage, key: string, replies: Reply[]): Promise<void> {
    return this.deps.transcript?.recordAll(this.transcript(msg, key, replies)) ?? Promise.resolve();
  }

  private async route(turn: Turn): Promise<void> {
    const { msg } = turn;
    const media = msg.media?.length ? msg.media : undefined;
    if (!turn.text && msg.option === undefined && !media) { turn.say('no_text', this.copy.noText, [OPTION.help]); return; }
    if (turn.text.length > MAX_MESSAGE_CHARS) { turn.say('too_long', this.copy.tooLong); return; }
    const action = await this.understand(turn, media);
    if (action) await route(turn, action);
  }

  /**
   * What the message means: the option chosen (a button or key press, checked against those on offer), else
   * the interpreter's reading with the dialogue's context. Undefined when the message was a choice of none
   * of the options on offer: it has been answered with the options again.
   */
  private async understand(turn: Turn, media: MediaPart[] | undefined): Promise<Action | undefined> {
    const { conv, msg } = turn;
    const products = await turn.catalog();
    const chosen = (id: string) => {
      const action = optionAction(id, conv.options, products);
      if (!action) this.pickOne(turn);
      return action;
    };
    if (msg.option !== undefined) return chosen(msg.option);
    const cart = (await turn.cart()).lines.map((l) => ({ sku: l.sku, name: l.name, qty: l.qty }));
    const intent = await this.deps.interpreter.interpret(turn.text, {
      asking: conv.asking, options: conv.options, cart, lastSku: conv.lastSku, nameAsks: conv.nameAsks,
    }, media);
    if (intent.type === 'option') return chosen(intent.id);
    // A picture or voice note that could not be read (the model failed or timed out) and no words to go by.
    if (media && !turn.text && intent.type === 'unknown') { turn.say('media_unreadable', this.copy.mediaUnreadable, [OPTION.help]); return undefined; }
    const options = conv.options ?? [];
    // A number with options on offer picks one (an answer to "how many?" is an amount, not a choice).
    if (intent.type === 'choose' && options.length && conv.asking?.kind !== 'how_many') {
      const option = options[intent.index - 1];
      if (option) return chosen(option.id);
      turn.say('pick_number', this.copy.pickNumber(options.length), options);
      return undefined;
    }
    return intent;
  }

  /** A choice of an option not on offer: the options again (or, with none on offer, the usual next steps). */
  private pickOne(turn: Turn): void {
    const options = turn.conv.options;
    if (options?.length) turn.say('pick_one', this.copy.pickOne, options);
    else if (!turn.customer.registeredAt) turn.say('set_up_first', this.copy.setUpFirst);
    else turn.say('didnt_understand', this.copy.didntUnderstand, [OPTION.browse, OPTION.cart, OPTION.help]);
  }
}
