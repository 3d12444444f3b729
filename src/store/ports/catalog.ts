import type { Product } from '../../domain/types';

/** The catalog: products by SKU (never removed). */
export interface CatalogPort {
  upsertProduct(product: Product): Promise<void>;
  getProduct(sku: string): Promise<Product | undefined>;
  /** Every product, by SKU. */
  listProducts(): Promise<Product[]>;
}
