import type { Logger } from 'pino';
import type { Clock, Conversation, Customer, Hold, InboundMessage, OrderLine, Product, Reply } from '../domain/types';
import type { Inventory } from '../inventory/inventory';
import { priceLines, type Orders } from '../orders/orders';
import type { Store } from '../store/store';
import type { Interpreter } from '../understanding/interpreter';
import type { Observer } from '../observe';
import type { PhoneLimiter } from '../limits/phone-limiter';
import type { ConsoleEvents } from '../events/console-events';
import type { TranscriptRecorder } from '../transcript/recorder';
import { SAVED_ADDRESS, type Copy } from './copy';
import type { LeaseOptions } from './lease';
import type { PromotionSource } from '../promotions/service';

export interface EngineConfig {
  storeName: string;
  currency: string;
  locale: string;
  holdMinutes: number;
  deliveryFeeCents: number;
  /** How customers reach a person at the store: the answer to an SMS HELP. */
  storeContact?: string;
  /** Lease timings; the defaults suit production (5 s, renewed every 1.5 s). */
  lease?: Partial<LeaseOptions>;
}

export interface EngineDeps {
  store: Store;
  inventory: Inventory;
  orders: Orders;
  interpreter: Interpreter;
  clock: Clock;
  log: Logger;
  config: EngineConfig;
  /** FAQ answers by topic, with {storeName} and {deliveryFee} already filled in. */
  faq: Map<string, string>;
  catalog: { products(): ReadonlyMap<string, Product> };
  observer: Observer;
  /** Messages per phone across all channels; none means unlimited. */
  limiter?: PhoneLimiter;
  /** Keeps every message in and out for the human inbox; none keeps nothing. */
  transcript?: TranscriptRecorder;
  /** Tells the owner's console about handoffs; none tells no one. */
  events?: ConsoleEvents;
  /** Promotions to price carts with; none means list prices. */
  promotions?: PromotionSource;
}

export interface CartView {
  holds: Hold[];
  lines: OrderLine[];
  total: number;
}

/** The state of one message's handling: who is talking, where the conversation is, what we will say. */
export class Turn {
  readonly replies: Reply[] = [];

  constructor(
    readonly deps: EngineDeps,
    readonly copy: Copy,
    readonly msg: InboundMessage,
    readonly customer: Customer,
    readonly conv: Conversation,
    /** What the customer meant: their text, or the option a number picked. */
    public text: string,
    /** The message's scoped key (`channel:phone:id`), recorded on what this turn changes so a retry changes it once. */
    readonly key: string,
    /** A retry of a message an earlier attempt started (and may have got part-way through). */
    readonly retry = false,
  ) {}

  /** Cart lines this attempt has changed (a retry skips lines an earlier attempt already changed, once each). */
  readonly touched = new Set<string>();

  /** The saved address as it may be spoken: a caller we cannot verify hears only "your saved address". */
  get address(): string | undefined {
    const a = this.customer.address;
    return a && this.msg.unverified ? SAVED_ADDRESS : a;
  }

  say(text: string, options?: readonly string[]): void {
    this.replies.push(options && options.length ? { text, options: [...options] } : { text });
  }

  async catalog(): Promise<ReadonlyMap<string, Product>> {
    return this.deps.catalog.products();
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

  /** Call after anything that changes the cart, so the next cart() reads it again. */
  cartChanged(): void {
    this.cartView = undefined;
  }
}
