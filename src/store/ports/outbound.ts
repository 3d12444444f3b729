import type { ChannelName, ChannelState, Delivery } from '../../domain/types';

/** What goes out to customers: each customer's state on each platform, and the deliveries and their fate. */
export interface OutboundPort {
  /** One record per phone and channel (upsert). */
  putChannelState(state: ChannelState): Promise<void>;
  getChannelStates(phone: string): Promise<ChannelState[]>;
  getChannelState(phone: string, channel: ChannelName): Promise<ChannelState | undefined>;
  /** Outbound messages and their fate (upsert by id). */
  putDelivery(delivery: Delivery): Promise<void>;
  getDelivery(id: string): Promise<Delivery | undefined>;
  /** A phone's deliveries, newest first, at most `limit` (default 50). */
  listDeliveries(phone: string, limit?: number): Promise<Delivery[]>;
}
