import type { Logger } from 'pino';
import type { Clock, Conversation, Customer, Hold, InboundMessage, OrderLine, Product, Reply } from '../domain/types';
import type { Inventory } from '../inventory/inventory';
import { priceLines, type Orders } from '../orders/orders';
import type { Store } from '../store/store';
import type { Interpreter } from '../understanding/interpreter';
import type { Copy } from './copy';

export interface EngineConfig {
  storeName: string;
  currency: string;
  locale: string;
  holdMinutes: number;
  deliveryFeeCents: number;
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
}

export interface CartView {
  holds: Hold[];
  lines: OrderLine[];
  total: number;
}

/** The state of one message's handling: who is talking, where the conversation is, what we will say. */
export class Turn {
  readonly replies: Reply[] = [];
  private products?: Map<string, Product>;

  constructor(
    readonly deps: EngineDeps,
    readonly copy: Copy,
    readonly msg: InboundMessage,
    readonly customer: Customer,
    readonly conv: Conversation,
    /** What the customer meant: their text, or the option a number picked. */
    public text: string,
  ) {}

  say(text: string, options?: readonly string[]): void {
    this.replies.push(options && options.length ? { text, options: [...options] } : { text });
  }

  async catalog(): Promise<Map<string, Product>> {
    this.products ??= new Map((await this.deps.store.listProducts()).map((p) => [p.sku, p]));
    return this.products;
  }

  async product(sku: string): Promise<Product | undefined> {
    return (await this.catalog()).get(sku);
  }

  async cart(): Promise<CartView> {
    const { lines: holds } = await this.deps.inventory.cart(this.customer.phone);
    const lines = priceLines(holds, await this.catalog());
    return { holds, lines, total: lines.reduce((s, l) => s + l.lineTotalCents, 0) };
  }
}
