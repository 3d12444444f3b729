import type { Collection, Db, Filter } from 'mongodb';
import type { Product } from '../../domain/types';
import { isDuplicateKey, upsertById } from './util';

type ProductDoc = Product & { _id: string };

/** Every field of a product (what a guarded replace compares); a `Record` so a new field cannot be forgotten. */
const FIELDS: Record<keyof Product, true> = {
  sku: true, name: true, category: true, unit: true, priceCents: true, aliases: true, pieceGrams: true, maxPerOrder: true, active: true, tags: true,
};
const PRODUCT_FIELDS = Object.keys(FIELDS) as (keyof Product)[];

/** How long a product read from the server answers getProduct again (a change elsewhere shows within this). */
const PRODUCT_FRESH_MS = 2_000;

/** The one document of `catalog_version`: how many product writes the shop has seen. */
const VERSION_ID = 'products';

/**
 * The products (one document each, keyed by SKU) and the catalog's version: one document in
 * `catalog_version` whose counter every product write moves with `$inc`, after the product is written,
 * so a process that sees the new number reads the new products.
 */
export class ProductRecords {
  private products: Collection<ProductDoc>;
  private version: Collection<{ _id: string; version: number; changedAt: Date }>;
  /** Products by SKU as last read, and when (performance.now()): see get. */
  private read = new Map<string, { product: Product | undefined; at: number }>();

  constructor(db: Db) {
    this.products = db.collection('products');
    this.version = db.collection('catalog_version');
  }

  async ensureIndexes(): Promise<void> {
    await this.products.createIndex({ sku: 1 }, { unique: true, name: 'sku_unique' });
  }

  private async bump(): Promise<void> {
    await this.version.updateOne({ _id: VERSION_ID }, { $inc: { version: 1 }, $set: { changedAt: new Date() } }, { upsert: true });
  }

  async upsert(product: Product): Promise<void> {
    this.read.delete(product.sku);
    await upsertById(this.products, product.sku, { ...product });
    await this.bump();
  }

  /** A replace guarded by every field as it was read (a field that was not there must still be missing). */
  async replaceIf(expected: Product, next: Product): Promise<boolean> {
    this.read.delete(expected.sku);
    const guard: Record<string, unknown> = { _id: expected.sku };
    for (const key of PRODUCT_FIELDS) guard[key] = expected[key] ?? null;
    const before = await this.products.findOneAndReplace(guard as Filter<ProductDoc>, { ...next }, { projection: { _id: 1 } });
    if (!before) return false;
    await this.bump();
    return true;
  }

  async insert(product: Product): Promise<boolean> {
    this.read.delete(product.sku);
    try {
      await this.products.insertOne({ _id: product.sku, ...product });
    } catch (err) {
      if (isDuplicateKey(err)) return false;
      throw err;
    }
    await this.bump();
    return true;
  }

  /** From what this process read in the last PRODUCT_FRESH_MS: a change made by another process shows by then. */
  async get(sku: string): Promise<Product | undefined> {
    const read = this.read.get(sku);
    if (read && performance.now() - read.at < PRODUCT_FRESH_MS) return read.product && structuredClone(read.product);
    const at = performance.now();
    const product = plain(await this.products.findOne({ _id: sku }));
    this.read.set(sku, { product, at });
    return product && structuredClone(product);
  }

  async list(): Promise<Product[]> {
    return (await this.products.find().sort({ _id: 1 }).toArray()).map((d) => plain(d)!);
  }

  async currentVersion(): Promise<number> {
    const doc = await this.version.findOne({ _id: VERSION_ID }, { projection: { version: 1 } });
    return doc?.version ?? 0;
  }
}

function plain(doc: ProductDoc | null): Product | undefined {
  if (!doc) return undefined;
  const { _id, ...rest } = doc;
  void _id;
  return rest;
}
