import type { Product } from '../../domain/types';

/** The catalog: products by SKU (never removed; the owner hides one with `active: false`). */
export interface CatalogPort {
  /** Writes a product whole (a new one or a change); moves the catalog version. */
  upsertProduct(product: Product): Promise<void>;
  /** Adds a product whose SKU is not there yet: false, and nothing written, when it is. Moves the catalog version. */
  insertProduct(product: Product): Promise<boolean>;
  /**
   * Writes `next` in place of the product only if it is still `expected` (as read): false when someone
   * changed it meanwhile, so an edit of one field never silently undoes another's. Moves the catalog version.
   */
  replaceProductIf(expected: Product, next: Product): Promise<boolean>;
  getProduct(sku: string): Promise<Product | undefined>;
  /** Every product, by SKU. */
  listProducts(): Promise<Product[]>;
  /**
   * A number that moves on every product write, in whichever process made it: a process compares it with
   * the one it last saw to know, cheaply, whether its copy of the catalog is still current.
   */
  catalogVersion(): Promise<number>;
}
