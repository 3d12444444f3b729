import type { Promotion } from '../../domain/owner';

/** The shop's promotions, as one set. */
export interface PromotionsPort {
  /** Replaces the whole set of promotions. */
  putPromotions(promotions: Promotion[]): Promise<void>;
  listPromotions(): Promise<Promotion[]>;
}
