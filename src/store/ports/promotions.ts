import type { Promotion } from '../../domain/owner';

/** The shop's promotions, as one set. */
export interface PromotionsPort {
  /** Replaces the whole set of promotions. */
  putPromotions(promotions: Promotion[]): Promise<void>;
  listPromotions(): Promise<Promotion[]>;
  /**
   * Replaces the set only if it is still `expected` (as listPromotions returned it): false when someone
   * changed it meanwhile, so an edit of one promotion never silently undoes another's.
   */
  replacePromotionsIf(expected: Promotion[], next: Promotion[]): Promise<boolean>;
}
