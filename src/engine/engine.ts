import { randomUUID } from 'node:crypto';
import { MAX_MESSAGE_CHARS, type ChannelName, type Conversation, type Customer, type InboundMessage, type Pending, type Reply, type Stage } from '../domain/types';
import type { Intent } from '../understanding/interpreter';
import { checkout, placed, startCheckout } from './checkout';
import { smsKeyword, type SmsKeyword } from './keywords';
import { createCopy, OPTION, type Copy } from './copy';
import { register, startRegistration } from './registration';
import { Leases } from './lease';
import { KeyedQueue } from '../lib/keyed-queue';
import {
  askRestart, askCancel, browse, confirmCancel, greetBack, handOff, restart, showStatus,
} from './service';
import { addItems, answerAsk, changeLine, nextStep, removeItems, setQuantity } from './shopping';
import { showDeals } from './deals';
import { Turn, type EngineDeps } from './turn';
import { replyText } from '../transcript/recorder';

/** Option numbers as a caller says them. */
const OPTION_WORDS = new Map(['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'].map((w, i) => [w, i + 1]));
const CHECKOUT: Stage[] = ['checkout_method', 'checkout_address', 'checkout_confirm'];
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\ufeff]/g;

/** Control characters out, whitespace tidied; what is left is what the customer wrote. */
export function cleanText(text: string): string {
  return text.replace(CONTROL, '').replace(/\s+/g, ' ').trim();
}

/** The key of a message's record: its id is scoped to its channel and phone. */
export function messageKey(channel: ChannelName, phone: string, messageId: string): string {
  return `${channel}:${phone}:${messageId}`;
}

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
      .then(async (done) => done ?? (await this.admit(msg, keyword)) ?? this.serial(msg.phone, () => this.once(msg, key, duplicates, keyword)))
      .catch((err) => {
        this.deps.log.error({ err, channel: msg.channel }, 'message could not be handled');
        this.deps.observer.error('engine');
        return [{ text: this.copy.trouble }];
      }).then((replies) => {
        this.deps.log.debug({ channel: msg.channel, phone: msg.phone, messageId: msg.messageId, text: msg.text, replies: replies.length }, 'message handled');
        this.deps.observer.message(msg.channel, (performance.now() - started) / 1000, replies.length);
        return replies;
      });
  }

  /** A redelivery of a message already answered: its replies again (or none), without spending the rate limit. */
  private async answered(msg: InboundMessage, key: string, duplicates: 'replay' | 'silent'): Promise<Reply[] | undefined> {
    if (!msg.messageId) return undefined;
    const record = await this.deps.store.getMessage(key);
    if (record?.state !== 'done') return undefined;
    return duplicates === 'replay' ? record.replies ?? [] : [];
  }

  /** The rate limit: undefined lets the message in, else the replies it gets instead. STOP is never held back. */
  private async admit(msg: InboundMessage, keyword: SmsKeyword | undefined): Promise<Reply[] | undefined> {
    if (!this.deps.limiter || keyword === 'stop') return undefined;
    const verdict = await this.deps.limiter.take(msg.phone).catch((err: unknown) => {
      // A limiter that cannot be asked (Redis down) lets messages through rather than drop them.
      this.deps.log.warn({ err, channel: msg.channel }, 'rate limiter unavailable; message let through');
      return 'ok' as const;
    });
    if (verdict === 'ok') return undefined;
    return verdict === 'first_over' ? [{ text: this.copy.oneMoment }] : [];
  }

  private serial<T>(phone: string, task: () => Promise<T>): Promise<T> {
    return this.queue.run(phone, () => this.leases.run(`conversation:${phone}`, task));
  }

  /** Gives a customer in human handoff back to the bot; their next message is answered again. */
  release(phone: string): Promise<'released' | 'not_waiting'> {
    return this.serial(phone, async () => {
      const conv = await this.deps.store.getConversation(phone);
      if (!conv || conv.stage !== 'handoff') return 'not_waiting';
      conv.stage = 'menu';
      conv.pending = undefined;
      conv.options = undefined;
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
      const conv = await store.getConversation(phone);
      const now = clock.now();
      if (!conv || conv.stage === 'handoff' || now - conv.updatedAt < idleMs || (conv.closedAt ?? 0) >= conv.updatedAt) return false;
      const active = await store.listHolds({ phone, status: 'active' });
      await inventory.releaseAll(phone);
      // Holds the sweeper expired since the customer last wrote are part of the same cart.
      const expired = (await store.listHolds({ phone, status: 'expired' })).filter((h) => h.expiresAt >= conv.updatedAt);
      const names = [...new Set([...active, ...expired].map((h) => this.deps.catalog.products().get(h.sku)?.name ?? h.sku))];
      conv.stage = conv.stage === 'greeting' || conv.stage.startsWith('registration') ? conv.stage : 'menu';
      conv.pending = undefined;
      conv.options = undefined;
      conv.closedAt = now;
      if (!(await store.saveConversation(conv))) throw new Error('conversation was changed by another process');
      if (names.length) tell(this.copy.cartReleased(names));
      return true;
    });
  }

  /** Waits for every message in flight, for graceful shutdown. */
  drain(): Promise<void> {
    return this.queue.drain();
  }

  private async once(msg: InboundMessage, key: string, duplicates: 'replay' | 'silent', keyword: SmsKeyword | undefined): Promise<Reply[]> {
    const { store, log } = this.deps;
    try {
      const { record, created } = await store.startMessage({ key, phone: msg.phone, channel: msg.channel, at: this.deps.clock.now() });
      if (!created && record.state === 'done') return duplicates === 'replay' ? record.replies ?? [] : [];
      const replies = keyword ? await this.keyword(msg, keyword)
        : (await this.optedOut(msg)) ? [] : await this.turn(msg, key, !created);
      await this.keep(msg, key, replies);
      // The turn is committed (its conversation saved): if the record cannot be finished now, the customer
      // still gets the answer, and a redelivery replays it from the conversation.
      await store.finishMessage(key, replies).catch((err: unknown) => log.error({ err, channel: msg.channel }, 'message record could not be finished'));
      return replies;
    } catch (err) {
      // The record stays pending: the same message id, sent again, runs the turn again.
      log.error({ err, channel: msg.channel }, 'message handling failed');
      this.deps.observer.error('engine');
      await this.keep(msg, key, []);
      return [{ text: this.copy.trouble }];
    }
  }

  /** SMS and WhatsApp keywords: STOP records the opt-out (no reply: the platform confirms it), START undoes it, HELP says who to ask. */
  private async keyword(msg: InboundMessage, keyword: SmsKeyword): Promise<Reply[]> {
    const { store, clock } = this.deps;
    if (keyword === 'help') return [{ text: `${this.copy.smsHelp}\n\n${this.copy.help}` }];
    const now = clock.now();
    const unreachable = (await store.getChannelState(msg.phone, msg.channel))?.unreachable;
    await store.putChannelState({
      phone: msg.phone, channel: msg.channel, updatedAt: now,
      ...(unreachable ? { unreachable } : {}),
      ...(keyword === 'stop' ? { optedOutAt: now } : {}),
    });
    // On SMS the carrier (Twilio's Advanced Opt-Out) confirms STOP and START itself; WhatsApp does not.
    return keyword === 'start' && msg.channel === 'whatsapp' ? [{ text: this.copy.optedBackIn }] : [];
  }

  /**
   * A customer who sent STOP on SMS or WhatsApp is not handled there until START: anything we answered
   * would be sent to someone who asked for silence (and Twilio refuses it with 21610).
   */
  private async optedOut(msg: InboundMessage): Promise<boolean> {
    if (msg.channel !== 'sms' && msg.channel !== 'whatsapp') return false;
    const state = await this.deps.store.getChannelState(msg.phone, msg.channel);
    if (!state?.optedOutAt) return false;
    this.deps.log.info({ channel: msg.channel }, 'message from a customer who opted out on this channel: not handled, not answered');
    return true;
  }

  private async turn(msg: InboundMessage, key: string, retry: boolean): Promise<Reply[]> {
    const { store, inventory, clock } = this.deps;
    const now = clock.now();
    const customer: Customer = (await store.getCustomer(msg.phone)) ?? { phone: msg.phone, createdAt: now };
    const conv: Conversation = (await store.getConversation(msg.phone)) ?? { phone: msg.phone, stage: 'greeting', updatedAt: now, version: 0 };
    // An earlier attempt of this message got as far as saving the conversation: it is done, say it again.
    if (retry && conv.lastTurn?.key === key) return conv.lastTurn.replies;
    customer.lastChannel = msg.channel;
    const seen = customer.channels?.[msg.channel];
    customer.channels = { ...customer.channels, [msg.channel]: { address: msg.replyTo ?? seen?.address, lastInboundAt: now } };
    if (conv.stage === 'handoff') {
      await store.putCustomer(customer);
      return [];
    }
    if (now - conv.updatedAt > this.deps.config.holdMinutes * 60_000 && CHECKOUT.includes(conv.stage)) {
      conv.stage = 'ordering';
      conv.pending = undefined;
    }
    const turn = new Turn(this.deps, this.copy, msg, customer, conv, cleanText(msg.text), key, retry);
    await turn.cart();
    if (turn.expired.length) {
      const catalog = await turn.catalog();
      turn.say(this.copy.heldExpired(turn.expired.map((h) => catalog.get(h.sku)?.name ?? h.sku)));
    }
    const order = retry ? await this.deps.orders.placedBy(msg.phone, key) : undefined;
    // A retried "yes" whose first attempt placed the order: the same confirmation, not a second order.
    if (order) placed(turn, order);
    else await this.route(turn);
    if (customer.registeredAt) await inventory.touch(msg.phone, (await turn.cart()).holds);
    await store.putCustomer(customer);
    conv.options = turn.replies.at(-1)?.options;
    conv.updatedAt = now;
    conv.lastTurn = { key, replies: turn.replies };
    if (!(await store.saveConversation(conv))) throw new Error('conversation was changed by another process');
    if ((conv.stage as Stage) === 'handoff') this.deps.events?.emit({ type: 'handoff', phone: msg.phone });
    return turn.replies;
  }

  /**
   * The transcript of a message: what the customer wrote and what the bot answered, in one write. Ids come
   * from the message's key, so entries written again by a retry are the same entries. Never throws.
   */
  private keep(msg: InboundMessage, key: string, replies: Reply[]): Promise<void> {
    const t = this.deps.transcript;
    if (!t) return Promise.resolve();
    const entry = (id: string, from: 'customer' | 'bot', text: string) => ({ id: `${key}#${id}`, phone: msg.phone, channel: msg.channel, from, text });
    return t.recordAll([
      entry('in00', 'customer', msg.text),
      ...replies.map((r, i) => entry(`out${String(i).padStart(2, '0')}`, 'bot', replyText(r))),
    ]);
  }

  private async route(turn: Turn): Promise<void> {
    const { conv, customer } = turn;
    if (!turn.text) { turn.say(this.copy.noText, [OPTION.help]); return; }
    if (turn.text.length > MAX_MESSAGE_CHARS) { turn.say(this.copy.tooLong); return; }
    const picked = this.pickOption(turn);
    if (picked === 'out_of_range') return;
    const intent = await this.deps.interpreter.interpret(turn.text, { stage: conv.stage, pending: conv.pending });

    if (intent.type === 'human') { handOff(turn); return; }
    if (!customer.registeredAt) {
      if (conv.stage !== 'registration_name' && conv.stage !== 'registration_address') { startRegistration(turn); return; }
      if (intent.type === 'help') { turn.say(`${this.copy.help}\n\n${conv.stage === 'registration_name' ? this.copy.askNameAgain : this.copy.badAddress}`); return; }
      if (intent.type === 'restart') { startRegistration(turn); return; }
      await register(turn, intent);
      return;
    }
    if (intent.type === 'help') { turn.say(this.copy.help, [OPTION.browse, OPTION.cart, OPTION.human]); return; }
    const pending = conv.pending;
    conv.pending = undefined;
    if (pending && (await this.resolvePending(turn, pending, intent))) return;
    if (CHECKOUT.includes(conv.stage)) {
      if (await checkout(turn, intent)) return;
      conv.stage = 'ordering';
    }
    if (conv.stage === 'greeting' || conv.stage === 'placed') conv.stage = 'menu';
    await this.general(turn, intent);
  }

  /** A bare number answers the last reply's options; returns 'out_of_range' when it was answered already. */
  private pickOption(turn: Turn): 'picked' | 'none' | 'out_of_range' {
    const options = turn.conv.options;
    if (!options?.length) return 'none';
    const n = /^#?(\d{1,2})[.)]?$/.exec(turn.text);
    // Said rather than typed ("one", "number two", "option 3"): the same choice, unless we asked how many.
    const said = n ? undefined : /^(?:(?:number|option|press)\s+)?([a-z]+|\d{1,2})[.!]?$/i.exec(turn.text)?.[1]?.toLowerCase();
    const spoken = said === undefined ? undefined : /^\d+$/.test(said) ? Number(said) : OPTION_WORDS.get(said);
    if (!n && (spoken === undefined || turn.conv.pending?.kind === 'how_many')) return 'none';
    const index = (n ? Number(n[1]) : spoken!) - 1;
    if (index >= 0 && index < options.length) { turn.text = options[index]!; return 'picked'; }
    if (turn.conv.pending?.kind === 'how_many') return 'none';
    turn.say(this.copy.pickNumber(options.length), options);
    return 'out_of_range';
  }

  /** The answer to a question we asked, if it is one; false hands the message to the general handler. */
  private async resolvePending(turn: Turn, pending: Pending, intent: Intent): Promise<boolean> {
    switch (pending.kind) {
      case 'confirm_cancel':
        if (intent.type === 'yes' && turn.msg.unverified) { turn.say(this.copy.needsVerifiedCaller); return true; }
        if (intent.type === 'yes' && turn.msg.unsure) { turn.conv.pending = pending; turn.say(this.copy.unsureAgain, [OPTION.yes, OPTION.no]); return true; }
        if (intent.type === 'yes') { await confirmCancel(turn, pending.orderId); return true; }
        if (intent.type === 'no') { turn.say(this.copy.keptOrder); return true; }
        return false;
      case 'confirm_restart':
        if (intent.type === 'yes' && turn.msg.unsure) { turn.conv.pending = pending; turn.say(this.copy.unsureAgain, [OPTION.yes, OPTION.no]); return true; }
        if (intent.type === 'yes') { await restart(turn); return true; }
        if (intent.type === 'no') { turn.say(this.copy.keptCart, [OPTION.checkout, OPTION.cart]); return true; }
        return false;
      case 'how_many': {
        const p = await turn.product(pending.sku);
        const quantity = intent.type === 'quantity' ? intent.quantity
          : intent.type === 'choose' ? { kind: 'count' as const, value: intent.index }
            : intent.type === 'yes' ? { kind: 'none' as const } : undefined;
        if (!p || !quantity) return false;
        turn.conv.stage = 'ordering';
        turn.say((await changeLine(turn, p, quantity, 'add')).join('\n'));
        await nextStep(turn);
        return true;
      }
      case 'choose_product': {
        const sku = await this.chosenProduct(turn, pending.skus, intent);
        if (!sku) {
          if (intent.type !== 'unknown' && intent.type !== 'choose' && intent.type !== 'quantity' && intent.type !== 'yes') return false;
          const names = (await Promise.all(pending.skus.map((s) => turn.product(s)))).flatMap((p) => (p ? [p.name] : []));
          turn.conv.pending = pending;
          turn.say(this.copy.pickNumber(names.length), names);
          return true;
        }
        const p = (await turn.product(sku))!;
        turn.conv.stage = 'ordering';
        if (pending.action === 'ask') { await answerAsk(turn, 'stock', [{ query: p.name, quantity: { kind: 'none' }, match: { kind: 'product', sku } }]); return true; }
        if (pending.action === 'remove') {
          await removeItems(turn, [{ query: p.name, quantity: { kind: 'none' }, match: { kind: 'product', sku } }]);
          return true;
        }
        turn.say((await changeLine(turn, p, pending.quantity, pending.action)).join('\n'));
        await nextStep(turn);
        return true;
      }
    }
  }

  /** Which of the offered products the answer names: the option's text, the parser's match, or a word of one name. */
  private async chosenProduct(turn: Turn, skus: string[], intent: Intent): Promise<string | undefined> {
    const products = (await Promise.all(skus.map((s) => turn.product(s)))).flatMap((p) => (p ? [p] : []));
    const text = turn.text.toLowerCase();
    const exact = products.find((p) => p.name.toLowerCase() === text);
    if (exact) return exact.sku;
    if (intent.type === 'add' || intent.type === 'ask' || intent.type === 'remove') {
      const m = intent.items[0]?.match;
      if (m?.kind === 'product' && skus.includes(m.sku)) return m.sku;
      const both = m?.kind === 'ambiguous' ? m.skus.filter((s) => skus.includes(s)) : [];
      if (both.length === 1) return both[0];
    }
    const said = text.split(/[^\p{L}\p{N}]+/u).filter((w) => w.length > 1);
    const fits = products.filter((p) => said.length > 0 && said.every((w) => p.name.toLowerCase().includes(w)));
    return fits.length === 1 ? fits[0]!.sku : undefined;
  }

  private async general(turn: Turn, intent: Intent): Promise<void> {
    const copy = this.copy;
    switch (intent.type) {
      case 'greet': return greetBack(turn);
      case 'thanks': return turn.say(copy.thanks, [OPTION.checkout, OPTION.browse]);
      case 'restart': return askRestart(turn);
      case 'browse': return browse(turn, intent.category);
      case 'search': {
        const found = (await Promise.all(intent.skus.map((s) => turn.product(s)))).flatMap((p) => (p ? [p] : []));
        return turn.say(copy.searchResults(intent.query, found), found.slice(0, 5).map((p) => `Add ${p.name}`));
      }
      case 'ask': return answerAsk(turn, intent.about, intent.items);
      case 'add': turn.conv.stage = 'ordering'; return addItems(turn, intent.items);
      case 'remove': return removeItems(turn, intent.items);
      case 'set_qty': return setQuantity(turn, intent.item, intent.quantity);
      case 'quantity':
      case 'choose': {
        const quantity = intent.type === 'quantity' ? intent.quantity : { kind: 'count' as const, value: intent.index };
        if (turn.conv.lastSku) return setQuantity(turn, undefined, quantity);
        return turn.say(copy.didntUnderstand, [OPTION.browse, OPTION.cart, OPTION.help]);
      }
      case 'show_cart': {
        const { lines, total, holds } = await turn.cart();
        const soonest = Math.min(...holds.map((h) => h.expiresAt));
        const minutes = Math.max(1, Math.ceil((soonest - this.deps.clock.now()) / 60_000));
        return turn.say(copy.cart(lines, total, minutes), lines.length ? [OPTION.checkout, OPTION.browse] : [OPTION.browse, OPTION.help]);
      }
      case 'checkout': return startCheckout(turn);
      case 'status': return showStatus(turn);
      case 'deals': return showDeals(turn);
      case 'cancel_order': return askCancel(turn, intent.orderId);
      case 'faq': return turn.say(this.deps.faq.get(intent.topic) ?? copy.didntUnderstand);
      case 'delivery': return turn.say(this.deps.faq.get('delivery') ?? copy.didntUnderstand);
      case 'pickup': return turn.say(this.deps.faq.get('location') ?? copy.didntUnderstand);
      case 'yes': return (await turn.cart()).lines.length ? nextStep(turn) : turn.say(copy.menu, [OPTION.browse, OPTION.help]);
      case 'no': return turn.say(copy.thanks, [OPTION.checkout, OPTION.browse]);
      case 'human':
      case 'help':
      case 'unknown':
        return turn.say(copy.didntUnderstand, [OPTION.browse, OPTION.cart, OPTION.help]);
    }
  }
}
