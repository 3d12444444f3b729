import type { Logger } from 'pino';
import type { Clock, Conversation, Customer, Hold, InboundMessage, Option, OrderLine, Product, Reply, Stage } from '../domain/types';
import type { Inventory } from '../inventory/inventory';
import { priceLines, type Orders } from '../orders/orders';
import type { Store } from '../store/store';
import type { Interpreter } from '../understanding/interpreter';
import type { Observer } from '../observe';
import type { PhoneLimiter } from '../limits/phone-limiter';
import type { ConsoleEvents } from '../events/console-events';
import type { TranscriptRecorder } from '../transcript/recorder';
import { SAVED_ADDRESS, type Copy, type Listed } from './copy';
import { moveTo } from './transitions';
import type { LeaseOptions } from './lease';
import type { PromotionSource } from '../promotions/service';
import type { StoreSettings } from '../domain/settings';
import { preparation, type Preparation } from '../settings/hours';
import type { ChangeAnswers } from './changes';

export interface EngineConfig {
  storeName: string;
  currency: string;
  locale: string;
  holdMinutes: number;
  deliveryFeeCents: number;
  /** While a customer waits for a person, how long before another message of theirs is acknowledged again (default 15). */
  handoffRemindMinutes?: number;
  /** How customers reach a person at the store: the answer to an SMS HELP. */
  storeContact?: string;
  /** Messages a phone may send a minute (RATE_PER_MINUTE). */
  ratePerMinute?: number;
  /** Lease timings; the defaults suit production (5 s, renewed every 1.5 s). */
  lease?: Partial<LeaseOptions>;
}

/** The store settings the dialogue reads: read again before each message when a while has passed. */
export interface ShopSettings {
  fresh(): Promise<unknown>;
  current(): Pick<StoreSettings, 'timeZone' | 'hours' | 'closures' | 'sameDayCutoff' | 'minimumOrderCents' | 'usual' | 'slots' | 'slotLeadMinutes'>;
}

export interface EngineDeps {
  store: Store;
  inventory: Inventory;
  orders: Orders;
  interpreter: Interpreter;
  clock: Clock;
  log: Logger;
  config: EngineConfig;
  /** FAQ answers by topic, with {storeName}, {deliveryFee}… already filled in (the owner's, as they are now). */
  faq: { get(topic: string): string | undefined };
  /** The owner's settings beyond the config: opening hours and the minimum order; none: always open, no minimum. */
  shop?: ShopSettings;
  /** Every product (a hidden one still names and prices a line already in a cart), those on sale, and a check for changes made elsewhere. */
  catalog: { products(): ReadonlyMap<string, Product>; shelf(): ReadonlyMap<string, Product>; fresh(): Promise<void> };
  observer: Observer;
  /** Messages per phone across all channels; none means unlimited. */
  limiter?: PhoneLimiter;
  /** Keeps every message in and out for the human inbox; none keeps nothing. */
  transcript?: TranscriptRecorder;
  /** Tells the owner's console about handoffs; none tells no one. */
  events?: ConsoleEvents;
  /** Promotions to price carts with; none means list prices. */
  promotions?: PromotionSource;
  /** Changes of placed orders awaiting their customer's answer; none: nobody is asked. */
  changes?: ChangeAnswers;
}

export interface CartView {
  holds: Hold[];
  lines: OrderLine[];
  total: number;
}

/** One sentence of copy and the key it is known by, for replies built of several. */
export interface Said {
  key: Reply['key'];
  text: string;
}

export interface TurnOptions {
  deps: EngineDeps;
  copy: Copy;
  msg: InboundMessage;
  customer: Customer;
  conv: Conversation;
  text: string;
  key: string;
  retry?: boolean;
}

/** The state of one message's handling: who is talking, where the conversation is, what we will say. */
export class Turn {
  readonly replies: Reply[] = [];

  readonly deps: EngineDeps;
  readonly copy: Copy;
  readonly msg: InboundMessage;
  readonly customer: Customer;
  readonly conv: Conversation;
  /** What the customer wrote, tidied (for the interpreter; the engine never parses it). */
  readonly text: string;
  /** The message's scoped key (`channel:phone:id`), recorded on what this turn changes so a retry changes it once. */
  readonly key: string;
  /** A retry of a message an earlier attempt started (and may have got part-way through). */
  readonly retry: boolean;

  constructor(o: TurnOptions) {
    this.deps = o.deps;
    this.copy = o.copy;
    this.msg = o.msg;
    this.customer = o.customer;
    this.conv = o.conv;
    this.text = o.text;
    this.key = o.key;
    this.retry = o.retry ?? false;
  }

  /** The customer started over in this turn: lines put back on the shelf are not offered again. */
  startedOver = false;

  /** Cart lines this attempt has changed (a retry skips lines an earlier attempt already changed, once each). */
  readonly touched = new Set<string>();

  /** When an order placed now is prepared: from the store's hours and closures, in its zone, at the clock's now. */
  preparation(): Preparation {
    const shop = this.deps.shop;
    return shop ? preparation(shop.current(), this.deps.clock.now()) : { kind: 'now' };
  }

  /** The words, after a sentence, of when an order placed now is prepared; nothing while it is prepared at once. */
  whenPrepared(): string {
    const p = this.preparation();
    return p.kind === 'now' ? '' : ` ${this.copy.preparedLater(p)}`;
  }

  /** The saved address as it may be spoken: a caller we cannot verify hears only "your saved address". */
  get address(): string | undefined {
    const a = this.customer.address;
    return a && this.msg.unverified ? SAVED_ADDRESS : a;
  }

  /** One reply: its copy key, its words (or a list), the options it offers and its parameters. */
  say(key: Reply['key'], message: string | Listed, options?: readonly Option[], params?: Reply['params']): void {
    const reply: Reply = typeof message === 'string' ? { key, text: message } : { key, text: message.text, list: message.list };
    if (params) reply.params = params;
    if (options?.length) reply.options = options.map((o) => ({ id: o.id, label: o.label }));
    this.replies.push(reply);
  }

  /** Several sentences as one reply, keyed by the first; nothing when there are none. */
  sayAll(parts: readonly Said[], options?: readonly Option[]): void {
    if (parts.length) this.say(parts[0]!.key, parts.map((p) => p.text).join('\n'), options);
  }

  /** Moves the conversation to another stage, as the transition table allows (else: a bug, it throws). */
  moveTo(stage: Stage): void {
    moveTo(this.conv, stage);
  }

  /** Every product, hidden ones too: what names and prices the lines already in a cart. */
  async catalog(): Promise<ReadonlyMap<string, Product>> {
    await this.deps.catalog.fresh();
    return this.deps.catalog.products();
  }

  /** The products on sale: the only ones offered, browsed, suggested or added. */
  async shelf(): Promise<ReadonlyMap<string, Product>> {
    await this.deps.catalog.fresh();
    return this.deps.catalog.shelf();
  }

  async product(sku: string): Promise<Product | undefined> {
    return (await this.catalog()).get(sku);
  }

  private cartView?: CartView;
  /** Holds this turn found overdue and expired. */
  expired: Hold[] = [];

  /** The customer's cart, read once per turn until something changes it (see cartChanged). */
  async cart(): Promise<CartView> {
    if (!this.cartView) {
      const { lines: holds, expired } = await this.deps.inventory.cart(this.customer.phone);
      this.expired.push(...expired);
      const promotions = (await this.deps.promotions?.current()) ?? [];
      const lines = priceLines(holds, await this.catalog(), { promotions, now: this.deps.clock.now() });
      this.cartView = { holds, lines, total: lines.reduce((s, l) => s + l.lineTotalCents, 0) };
    }
    return this.cartView;
  }

  private left?: Promise<Hold[]>;
  /**
   * Lines the last turn left in the cart (conversation.held) that are no longer in it, though this turn did
   * not take them out: expired by the sweeper, or released by a turn that failed before it was saved. Read
   * once per turn, and only when such a line exists.
   */
  leftUnseen(): Promise<Hold[]> {
    this.left ??= (async () => {
      const active = new Set((await this.cart()).holds.map((h) => h.id));
      const gone = new Set((this.conv.held ?? []).map((h) => h.id).filter((id) => !active.has(id) && !this.expired.some((h) => h.id === id)));
      return gone.size ? (await this.deps.store.listHolds({ phone: this.customer.phone })).filter((h) => gone.has(h.id)) : [];
    })();
    return this.left;
  }

  /** Call after anything that changes the cart, so the next cart() reads it again. */
  cartChanged(): void {
    this.cartView = undefined;
  }
}
