import type { z } from 'zod';
import { describeIssues, MAX_STOCK, productInputSchema, type ProductInput } from '../domain/schemas';
import { describeIssue, sentenceOf } from '../domain/issues';
import { fromDisplayUnits, toDisplayUnits } from '../domain/money';
import type { Clock, Product, StockLevel } from '../domain/types';
import { ADMIN, type ConsoleActor } from '../domain/owner';
import { isSoldByWeight, normalizeUnit } from '../domain/units';
import type { Inventory } from '../inventory/inventory';
import type { CatalogPort, StockPort } from '../store/store';
import { parseCatalogCsv } from './csv';
import { diffProduct, type ProductChange } from './diff';
import { receivedOf, toProduct } from './load';
import { productChange } from './changes';

export type UpsertResult =
  | { ok: true; count: number }
  | { ok: true; dryRun: true; changes: ProductChange[] }
  | { ok: false; errors: string[] };

export type PatchResult =
  | { ok: true; product: Product }
  | { ok: false; reason: 'not_found' }
  | { ok: false; reason: 'invalid'; errors: string[] }
  /** Stock would drop below what is already held in carts or sold. */
  | { ok: false; reason: 'committed'; committed: number };

export type AddResult =
  | { ok: true; product: Product }
  | { ok: false; reason: 'exists' }
  | { ok: false; reason: 'invalid'; errors: string[] };

/** A change of one product: any of its fields; what is left out stays as it is. */
export interface ProductEdit {
  name?: string;
  category?: string;
  /** Within its kind: a count unit for another (each → jar), a weight for another (kg → lb); never count ↔ weight. */
  unit?: string;
  price?: number;
  /** Units received in total, in the product's unit. */
  stock?: number;
  aliases?: string[];
  /** Most of it one cart line may hold, in its unit; null clears it (the store's limit applies). */
  maxPerOrder?: number | null;
  /** false hides it from customers; true puts it back on sale. */
  active?: boolean;
  /** What is in it (src/domain/tags.ts); replaces the product's tags; [] clears them. */
  tags?: string[];
}

/** How often a process asks the store whether the catalog moved (another process's change sells here by then). */
export const CATALOG_CHECK_MS = 1_000;

/** Names where an error is: "3.price" for the 4th JSON item, "row 5, price" for a CSV row. */
type Where = (index: number, field: string) => string;
const jsonWhere: Where = (i, field) => (field ? `${i}.${field}` : String(i));

interface Candidate {
  /** Cell errors found before the schema (a CSV cell that is not a number), by field. */
  known?: Map<string, string>;
  value: unknown;
}

/** How long a process waits for another one loading the same catalog file into an empty store. */
const SEED_WAIT_MS = 15_000;
const SEED_POLL_MS = 500;

const EMPTY_STOCK = { received: 0, available: 0, reserved: 0, sold: 0 };

/**
 * The store's products and their received stock; tells the interpreter when names change. Each process keeps
 * the products in memory and follows the store's catalog version (at most every `checkEveryMs`, before a
 * message is handled) or hears a change relayed from another process, so a change made anywhere sells here
 * within that time.
 */
export class CatalogService {
  private cache = new Map<string, Product>();
  private onSale = new Map<string, Product>();
  /** The catalog version the cache was read at; when last asked; a check in flight. */
  private seen: number | undefined;
  private checkedAt = Number.NEGATIVE_INFINITY;
  private checking: Promise<void> | undefined;

  private store: CatalogPort & Pick<StockPort, 'getStock' | 'listStock'>;
  private inventory: Inventory;
  private onChange: (products: Product[]) => void;
  private onWrite: (version: number) => void;
  private clock: Clock;
  private checkEveryMs: number;

  constructor(o: {
    /** The products, and their counters (what an edit of stock must not drop below). */
    store: CatalogPort & Pick<StockPort, 'getStock' | 'listStock'>;
    inventory: Inventory;
    /** Told of the products on sale whenever they change (the interpreter's names: a hidden product is never matched). */
    onChange: (products: Product[]) => void;
    /** Told after this process wrote products, with the catalog version it left (relayed to the other processes). */
    onWrite?: (version: number) => void;
    clock?: Clock;
    /** How often fresh() asks the store for the catalog version (CATALOG_CHECK_MS). */
    checkEveryMs?: number;
  }) {
    this.store = o.store;
    this.inventory = o.inventory;
    this.onChange = o.onChange;
    this.onWrite = o.onWrite ?? (() => {});
    this.clock = o.clock ?? Date;
    this.checkEveryMs = o.checkEveryMs ?? CATALOG_CHECK_MS;
  }

  /** Every product by SKU, hidden ones too (a line already in a cart or order is priced and named by it). */
  products(): ReadonlyMap<string, Product> {
    return this.cache;
  }

  /** The products on sale: what is offered, browsed, suggested and matched. */
  shelf(): ReadonlyMap<string, Product> {
    return this.onSale;
  }

  private changed(products: Product[]): void {
    this.cache = new Map(products.map((p) => [p.sku, p]));
    const onSale = products.filter((p) => p.active !== false);
    this.onSale = new Map(onSale.map((p) => [p.sku, p]));
    this.onChange(onSale);
  }

  /**
   * Re-reads the products when the store's catalog version moved since they were read; asks at most every
   * checkEveryMs (one small read), and concurrent callers share one check.
   */
  fresh(): Promise<void> {
    if (this.checking) return this.checking;
    if (this.clock.now() - this.checkedAt < this.checkEveryMs) return Promise.resolve();
    this.checkedAt = this.clock.now();
    this.checking = (async () => {
      if ((await this.store.catalogVersion()) !== this.seen) await this.refresh();
    })().finally(() => { this.checking = undefined; });
    return this.checking;
  }

  /** Another process wrote products and left the catalog at `version`: read them unless already read. */
  async heard(version: number): Promise<void> {
    if (version !== this.seen) await this.refresh();
  }

  /** After a write here: read the products again and tell the other processes. */
  private async reload(): Promise<void> {
    await this.refresh();
    if (this.seen !== undefined) this.onWrite(this.seen);
  }

  /** Loads the catalog file into an empty store; a store that has products keeps them. */
  async seed(inputs: ProductInput[]): Promise<void> {
    let stored = await this.store.listProducts();
    if (stored.length === 0) {
      const result = await this.apply(inputs.map((value) => ({ value })), jsonWhere, { firstLoad: true });
      if (!result.ok) throw new Error(`catalog could not be loaded: ${result.errors.join('; ')}`);
      return;
    }
    // Part of this very file, still growing: another process started at the same moment is loading it.
    // Wait until it has them all or stops growing for a second (at most SEED_WAIT_MS), rather than serve a
    // catalog with products missing.
    const inFile = new Set(inputs.map((p) => p.sku));
    let still = 0;
    for (let waited = 0; waited < SEED_WAIT_MS && still < 2 && stored.length < inFile.size && stored.every((p) => inFile.has(p.sku)); waited += SEED_POLL_MS) {
      await new Promise((r) => setTimeout(r, SEED_POLL_MS));
      const again = await this.store.listProducts();
      still = again.length === stored.length ? still + 1 : 0;
      stored = again;
    }
    await this.refresh();
  }

  /** Re-reads the products, so changes made by another process are understood here too. */
  async refresh(): Promise<void> {
    // The version first: a write landing between the two reads moves it again, and the next check reads again.
    const version = await this.store.catalogVersion();
    const products = await this.store.listProducts();
    this.seen = version;
    this.checkedAt = this.clock.now();
    this.changed(products);
  }

  /** Validates every product, then writes them (or, with dryRun, tells what would change and writes nothing). */
  async upsert(body: unknown, opts: { dryRun?: boolean; by?: ConsoleActor } = {}): Promise<UpsertResult> {
    if (!Array.isArray(body)) return { ok: false, errors: ['(root): expected a JSON array of products'] };
    return this.apply(body.map((value) => ({ value })), jsonWhere, opts);
  }

  /**
   * The same from a CSV sheet. A row's cells replace the product's fields; a piece weight or order limit the
   * sheet has no column for is kept as it was.
   */
  async upsertCsv(text: string, opts: { dryRun?: boolean; by?: ConsoleActor } = {}): Promise<UpsertResult> {
    const parsed = parseCatalogCsv(text);
    if (!parsed.ok) return parsed;
    const rows = parsed.rows.map((r) => r.row);
    const where: Where = (i, field) => `row ${rows[i]}${field ? `, ${field}` : ''}`;
    const products = await this.known();
    const candidates = parsed.rows.map((r): Candidate => {
      const existing = typeof r.input.sku === 'string' ? products.get(r.input.sku.trim()) : undefined;
      return { known: r.errors, value: { ...(existing ? kept(existing) : {}), ...r.input } };
    });
    return this.apply(candidates, where, opts);
  }

  private async known(): Promise<ReadonlyMap<string, Product>> {
    return this.cache.size ? this.cache : new Map((await this.store.listProducts()).map((p) => [p.sku, p]));
  }

  /** firstLoad: the catalog file filling an empty store, the starting point, which the audit trail does not record. */
  private async apply(candidates: Candidate[], where: Where, opts: { dryRun?: boolean; firstLoad?: boolean; by?: ConsoleActor }): Promise<UpsertResult> {
    if (candidates.length === 0) return { ok: false, errors: ['(root): the list of products is empty'] };
    if (candidates.length > 5000) return { ok: false, errors: ['(root): at most 5000 products at once'] };
    const errors: string[] = [];
    const inputs: { i: number; input: ProductInput }[] = [];
    const seen = new Set<string>();
    candidates.forEach(({ value, known }, i) => {
      for (const [field, message] of known ?? []) errors.push(`${where(i, field)}: ${message}`);
      const parsed = productInputSchema.safeParse(value);
      if (!parsed.success) {
        errors.push(...describe(parsed.error, i, where, known));
        return;
      }
      if (known?.size) return;
      if (seen.has(parsed.data.sku)) errors.push(`${where(i, 'sku')}: ${parsed.data.sku} appears twice`);
      seen.add(parsed.data.sku);
      inputs.push({ i, input: parsed.data });
    });
    const products = await this.known();
    const stocks = new Map((await this.store.listStock()).map((s) => [s.sku, s]));
    for (const { i, input } of inputs) {
      const existing = products.get(input.sku);
      // Relabelling (each → jar, kg → lb) keeps what held and sold quantities mean; count ↔ weight would not.
      if (existing && isSoldByWeight(existing.unit) !== isSoldByWeight(input.unit)) errors.push(`${where(i, 'unit')}: ${input.sku} is sold by ${existing.unit}; a product cannot change between count and weight`);
      const stock = stocks.get(input.sku);
      if (stock && receivedOf(input) < stock.reserved + stock.sold) {
        errors.push(`${where(i, 'stock')}: ${input.sku} already has ${amount(input.unit, stock.reserved + stock.sold)} held or sold; stock cannot be set lower`);
      }
    }
    if (errors.length) return { ok: false, errors };
    if (opts.dryRun) {
      return { ok: true, dryRun: true, changes: inputs.map(({ input }) => diffProduct(input, products.get(input.sku), stocks.get(input.sku))) };
    }
    // A few at a time: a catalog of hundreds loads in a moment even on a slow store.
    for (let k = 0; k < inputs.length; k += 16) {
      await Promise.all(inputs.slice(k, k + 16).map(async ({ input }) => {
        const before = products.get(input.sku);
        // A product the owner hid stays hidden unless the upload says `active` (a sheet without the column leaves it alone).
        const product = toProduct(input.active === undefined && before?.active === false ? { ...input, active: false } : input);
        await this.store.upsertProduct(product);
        if (before) {
          await this.inventory.audit.price(input.sku, opts.by ?? ADMIN, before.priceCents, product.priceCents);
          await this.auditFields(before, product, opts.by ?? ADMIN);
        }
        const set = await this.inventory.setReceived(input.sku, receivedOf(input), opts.firstLoad ? undefined : 'catalog', opts.by);
        if (!set.ok) errors.push(`${input.sku}.stock: ${set.committed} units are already held or sold`);
      }));
    }
    await this.reload();
    return errors.length ? { ok: false, errors } : { ok: true, count: inputs.length };
  }

  private async auditFields(before: Product, after: Product, by: ConsoleActor): Promise<void> {
    const change = productChange(before, after);
    if (change) await this.inventory.audit.record({ sku: after.sku, by, what: 'product', ...change });
  }

  /** Adds one product with its stock; a SKU already in the catalog is refused and nothing is written. */
  async add(body: unknown, by: ConsoleActor = ADMIN): Promise<AddResult> {
    const parsed = productInputSchema.safeParse(body);
    if (!parsed.success) return { ok: false, reason: 'invalid', errors: describeIssues(parsed.error) };
    const product = toProduct(parsed.data);
    if (!(await this.store.insertProduct(product))) return { ok: false, reason: 'exists' };
    await this.inventory.setReceived(product.sku, receivedOf(parsed.data), 'added', by);
    await this.inventory.audit.record({
      sku: product.sku, by, what: 'product', reason: 'added', before: {},
      after: { name: product.name, category: product.category, unit: product.unit, active: product.active !== false },
    });
    await this.reload();
    return { ok: true, product };
  }

  /**
   * Changes any of one product's fields; stock first, so a refused stock changes nothing. A unit moves within
   * its kind only (pieces stay pieces, grams stay grams), so what is held and sold keeps its meaning.
   */
  async patch(sku: string, edit: ProductEdit, by: ConsoleActor = ADMIN): Promise<PatchResult> {
    // The product is written only if it is still as read: another process (or person) may have changed it
    // meanwhile, and writing it whole from an older reading would undo that change. Then read it again.
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const product = attempt === 0 ? await this.store.getProduct(sku) : (await this.store.listProducts()).find((p) => p.sku === sku);
      if (!product) return { ok: false, reason: 'not_found' };
      const next = this.edited(product, edit);
      if (!next.ok) return next;
      if (attempt === 0 && edit.stock !== undefined) {
        const set = await this.inventory.setReceived(sku, fromDisplayUnits(next.product.unit, edit.stock), 'edit', by);
        if (!set.ok) {
          return 'reason' in set ? { ok: false, reason: 'invalid', errors: ['stock: Stock must be a whole number of units, like 12'] } : { ok: false, reason: 'committed', committed: set.committed };
        }
      }
      if (!Object.keys(edit).some((k) => k !== 'stock')) return { ok: true, product };
      if (!(await this.store.replaceProductIf(product, next.product))) continue;
      await this.inventory.audit.price(sku, by, product.priceCents, next.product.priceCents);
      await this.auditFields(product, next.product, by);
      await this.reload();
      return { ok: true, product: next.product };
    }
    throw new Error(`product ${sku} kept changing under us`);
  }

  /** The product with an edit applied, checked; a unit moves within its kind only. */
  private edited(product: Product, edit: ProductEdit): { ok: true; product: Product } | { ok: false; reason: 'invalid'; errors: string[] } {
    const { sku } = product;
    const unit = edit.unit !== undefined ? normalizeUnit(edit.unit) : product.unit;
    if (isSoldByWeight(unit) !== isSoldByWeight(product.unit)) {
      const kind = isSoldByWeight(product.unit) ? 'by weight' : 'by count';
      return { ok: false, reason: 'invalid', errors: [`unit: ${sku} is sold ${kind} (${product.unit}), so its unit can only change to another unit sold ${kind}; counts and weights do not convert (add a new product instead)`] };
    }
    const keptLimit = product.maxPerOrder !== undefined ? toDisplayUnits(unit, product.maxPerOrder) : undefined;
    const maxPerOrder = edit.maxPerOrder === null ? undefined : edit.maxPerOrder ?? keptLimit;
    const next: z.input<typeof productInputSchema> = {
      ...kept(product), sku: product.sku,
      name: edit.name ?? product.name, category: edit.category ?? product.category, unit: unit as ProductInput['unit'],
      price: edit.price ?? product.priceCents / 100,
      aliases: edit.aliases ?? product.aliases,
      stock: edit.stock ?? 0,
      maxPerOrder,
      active: edit.active ?? product.active !== false,
      // Tags the edit leaves alone are kept as they are, unchecked: a pair an older catalog let contradict
      // (the bot answers "I don't know" of it) does not refuse a change of price.
      tags: edit.tags ?? [],
    };
    if (maxPerOrder === undefined) delete next.maxPerOrder;
    const parsed = productInputSchema.safeParse(next);
    if (!parsed.success) {
      const asked = new Set([...Object.keys(edit), ...(edit.unit !== undefined ? ['maxPerOrder', 'pieceGrams'] : [])]);
      const relevant = parsed.error.issues.filter((i) => asked.has(String(i.path[0])));
      return { ok: false, reason: 'invalid', errors: (relevant.length ? relevant : parsed.error.issues).map((i) => describeIssue(i)) };
    }
    const changed = toProduct(parsed.data);
    return { ok: true, product: edit.tags === undefined && product.tags?.length ? { ...changed, tags: product.tags } : changed };
  }

  /** Adds a delivery to the stock received, in the product's unit. */
  async restock(sku: string, quantity: number, by: ConsoleActor = ADMIN): Promise<PatchResult> {
    // Read from the store, not the cache: another process may have changed the product meanwhile.
    const product = await this.store.getProduct(sku);
    if (!product) return { ok: false, reason: 'not_found' };
    const base = fromDisplayUnits(product.unit, quantity);
    if (!Number.isSafeInteger(base) || base <= 0) {
      return { ok: false, reason: 'invalid', errors: [`quantity: must be ${isSoldByWeight(product.unit) ? `at least one gram, in ${product.unit}` : `a whole number of ${product.unit}`} above 0`] };
    }
    // The same ceiling as an import or an edit, so an exported sheet can always be read back in.
    const received = (await this.stockOf(sku)).received;
    if (toDisplayUnits(product.unit, received + base) > MAX_STOCK) {
      return { ok: false, reason: 'invalid', errors: [`quantity: stock would be over ${MAX_STOCK} ${product.unit}`] };
    }
    if (!(await this.inventory.receive(sku, base, by))) return { ok: false, reason: 'invalid', errors: ['quantity: could not be added'] };
    return { ok: true, product };
  }

  /** A product's counters, zero when it never had stock. */
  async stockOf(sku: string): Promise<StockLevel> {
    return (await this.store.getStock(sku)) ?? { sku, ...EMPTY_STOCK };
  }
}

/** "8 units", "2.5 kg": an amount in the owner's words. */
const amount = (unit: string, base: number) => (isSoldByWeight(unit) ? `${toDisplayUnits(unit, base)} ${unit}` : `${base} units`);

/** What a product keeps when a sheet or an edit does not mention it: its aliases, piece weight, order limit, hidden state and tags. */
function kept(p: Product): Partial<ProductInput> {
  return {
    // A sheet without an aliases column leaves them alone; an empty cell in that column clears them.
    aliases: p.aliases,
    ...(p.pieceGrams !== undefined ? { pieceGrams: p.pieceGrams } : {}),
    ...(p.maxPerOrder !== undefined ? { maxPerOrder: toDisplayUnits(p.unit, p.maxPerOrder) } : {}),
    ...(p.active === false ? { active: false } : {}),
    // A sheet without a tags column leaves them alone; an empty cell in that column clears them.
    ...(p.tags?.length ? { tags: p.tags } : {}),
  };
}

function describe(error: z.ZodError, i: number, where: Where, known?: Map<string, string>): string[] {
  return error.issues
    .filter((issue) => !known?.has(String(issue.path[0] ?? '')))
    .map((issue) => `${where(i, issue.path.map(String).join('.'))}: ${sentenceOf(issue)}`);
}
