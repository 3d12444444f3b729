import type { Order } from '../../domain/types';

/** What a customer bought before: their latest orders, for "the usual". */
export interface PurchasesPort {
  /** The phone's latest orders that were not cancelled, newest first (ties by id), at most `limit`. */
  recentOrders(phone: string, limit: number): Promise<Order[]>;
}
