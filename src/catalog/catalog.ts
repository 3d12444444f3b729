import { describeIssues, productInputSchema, type ProductInput } from '../domain/schemas';
import type { Product } from '../domain/types';
import { isSoldByWeight } from '../domain/units';
import type { Inventory } from '../inventory/inventory';
import type { Store } from '../store/store';
import { receivedOf, toProduct } from './load';

export type UpsertResult = { ok: true; count: number } | { ok: false; errors: string[] };

/** The store's products and their received stock; tells the interpreter when names change. */
export class CatalogService {
  private cache = new Map<string, Product>();

  constructor(
    private store: Store,
    private inventory: Inventory,
    private onChange: (products: Product[]) => void,
  ) {}

  /** The products by SKU, kept in memory: read on every message, changed rarely. */
  products(): ReadonlyMap<string, Product> {
    return this.cache;
  }

  private changed(products: Product[]): void {
    this.cache = new Map(products.map((p) => [p.sku, p]));
    this.onChange(products);
  }

  /** Loads the catalog file into an empty store; a store that has products keeps them. */
  async seed(inputs: ProductInput[]): Promise<void> {
    if ((await this.store.listProducts()).length === 0) {
      const result = await this.upsert(inputs);
      if (!result.ok) throw new Error(`catalog could not be loaded: ${result.errors.join('; ')}`);
    } else this.changed(await this.store.listProducts());
  }

  /** Re-reads the products, so changes made by another process are understood here too. */
  async refresh(): Promise<void> {
    this.changed(await this.store.listProducts());
  }

  /** Validates every product, then writes them; stock is units received and may not drop below what is held or sold. */
  async upsert(body: unknown): Promise<UpsertResult> {
    if (!Array.isArray(body)) return { ok: false, errors: ['(root): expected a JSON array of products'] };
    if (body.length === 0) return { ok: false, errors: ['(root): the array is empty'] };
    if (body.length > 5000) return { ok: false, errors: ['(root): at most 5000 products at once'] };
    const errors: string[] = [];
    const inputs: ProductInput[] = [];
    const seen = new Set<string>();
    body.forEach((item, i) => {
      const parsed = productInputSchema.safeParse(item);
      if (!parsed.success) { errors.push(...describeIssues(parsed.error, String(i))); return; }
      if (seen.has(parsed.data.sku)) errors.push(`${i}.sku: ${parsed.data.sku} appears twice`);
      seen.add(parsed.data.sku);
      inputs.push(parsed.data);
    });
    const stocks = new Map((await this.store.listStock()).map((s) => [s.sku, s]));
    for (const [i, input] of inputs.entries()) {
      const existing = this.cache.get(input.sku) ?? (this.cache.size ? undefined : await this.store.getProduct(input.sku));
      // Relabelling (each → jar, kg → lb) keeps what held and sold quantities mean; count ↔ weight would not.
      if (existing && isSoldByWeight(existing.unit) !== isSoldByWeight(input.unit)) errors.push(`${i}.unit: ${input.sku} is sold by ${existing.unit}; a product cannot change between count and weight`);
      const stock = stocks.get(input.sku);
      if (stock && receivedOf(input) < stock.reserved + stock.sold) {
        errors.push(`${i}.stock: ${input.sku} already has ${stock.reserved + stock.sold} units held or sold; stock cannot be set lower`);
      }
    }
    if (errors.length) return { ok: false, errors };
    // A few at a time: a catalog of hundreds loads in a moment even on a slow store.
    for (let i = 0; i < inputs.length; i += 16) {
      await Promise.all(inputs.slice(i, i + 16).map(async (input) => {
        await this.store.upsertProduct(toProduct(input));
        const set = await this.inventory.setReceived(input.sku, receivedOf(input));
        if (!set.ok) errors.push(`${input.sku}.stock: ${set.committed} units are already held or sold`);
      }));
    }
    this.changed(await this.store.listProducts());
    return errors.length ? { ok: false, errors } : { ok: true, count: inputs.length };
  }
}
