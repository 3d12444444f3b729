import { describeIssues, productInputSchema, type ProductInput } from '../domain/schemas';
import type { Product } from '../domain/types';
import type { Inventory } from '../inventory/inventory';
import type { Store } from '../store/store';
import { receivedOf, toProduct } from './load';

export type UpsertResult = { ok: true; count: number } | { ok: false; errors: string[] };

/** The store's products and their received stock; tells the interpreter when names change. */
export class CatalogService {
  constructor(
    private store: Store,
    private inventory: Inventory,
    private onChange: (products: Product[]) => void,
  ) {}

  /** Loads the catalog file into an empty store; a store that has products keeps them. */
  async seed(inputs: ProductInput[]): Promise<void> {
    if ((await this.store.listProducts()).length === 0) {
      const result = await this.upsert(inputs);
      if (!result.ok) throw new Error(`catalog could not be loaded: ${result.errors.join('; ')}`);
    } else this.onChange(await this.store.listProducts());
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
    for (const [i, input] of inputs.entries()) {
      const existing = await this.store.getProduct(input.sku);
      if (existing && existing.unit !== input.unit) errors.push(`${i}.unit: ${input.sku} is sold by ${existing.unit}; the unit of a product cannot change`);
      const stock = await this.store.getStock(input.sku);
      if (stock && receivedOf(input) < stock.reserved + stock.sold) {
        errors.push(`${i}.stock: ${input.sku} already has ${stock.reserved + stock.sold} units held or sold; stock cannot be set lower`);
      }
    }
    if (errors.length) return { ok: false, errors };
    for (const input of inputs) {
      await this.store.upsertProduct(toProduct(input));
      const set = await this.inventory.setReceived(input.sku, receivedOf(input));
      if (!set.ok) errors.push(`${input.sku}.stock: ${set.committed} units are already held or sold`);
    }
    this.onChange(await this.store.listProducts());
    return errors.length ? { ok: false, errors } : { ok: true, count: inputs.length };
  }
}
