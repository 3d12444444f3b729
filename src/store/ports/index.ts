import type { AuditPort } from './audit';
import type { CatalogPort } from './catalog';
import type { ConversationListPort } from './conversation-list';
import type { ConversationsPort } from './conversations';
import type { CustomersPort } from './customers';
import type { HoldsPort } from './holds';
import type { HousekeepingPort } from './housekeeping';
import type { MessagesPort } from './messages';
import type { OrderNotesPort } from './order-notes';
import type { OrderChangesPort } from './order-changes';
import type { OrdersPort } from './orders';
import type { OutboundPort } from './outbound';
import type { PromotionsPort } from './promotions';
import type { PurchasesPort } from './purchases';
import type { SlotBookingsPort } from './slot-bookings';
import type { StaffPort } from './staff';
import type { SettingsPort } from './settings';
import type { StatsPort } from './stats';
import type { StockPort } from './stock';
import type { StockWishesPort } from './stock-wishes';
import type { TranscriptsPort } from './transcripts';
import type { TurnsPort } from './turns';
import type { VerificationsPort } from './verifications';

export type { AuditPort } from './audit';
export type { CatalogPort } from './catalog';
export type { ConversationListPort, ConversationListQuery, ConversationSummary } from './conversation-list';
export type { ConversationsPort } from './conversations';
export type { CustomersPort } from './customers';
export type { HoldFilter, HoldRef, HoldsPort, TransitionOptions } from './holds';
export type { HousekeepingPort } from './housekeeping';
export type { MessagesPort } from './messages';
export type { OrderChangesPort, OrderContent, ProposalGuard } from './order-changes';
export type { OrderNotesPort } from './order-notes';
export type { OrderFilter, OrdersPort, TransitionOrderOptions } from './orders';
export type { OutboundPort } from './outbound';
export type { PromotionsPort } from './promotions';
export type { PurchasesPort } from './purchases';
export type { SlotBookingsPort } from './slot-bookings';
export type { StaffPort } from './staff';
export type { SettingsPort } from './settings';
export type { StatsPort } from './stats';
export type { StockDelta, StockPort } from './stock';
export type { StockWishesPort } from './stock-wishes';
export type { TranscriptsPort } from './transcripts';
export type { BegunTurn, TurnBegin, TurnEnd, TurnsPort } from './turns';
export type { VerificationsPort } from './verifications';

/**
 * Every port: what a store adapter implements, and what the composition roots (main.ts, worker.ts) and the
 * engine hold. Every other module names the ports it uses. Each operation is atomic on a single record, so
 * an adapter needs no multi-record transactions; conditional operations return whether they won.
 */
export type Store = CatalogPort & StockPort & HoldsPort & CustomersPort & ConversationsPort & OrdersPort & MessagesPort
  & OutboundPort & VerificationsPort & TranscriptsPort & AuditPort & PromotionsPort & SettingsPort & StatsPort & HousekeepingPort & TurnsPort
  & StaffPort & ConversationListPort & OrderNotesPort & OrderChangesPort & PurchasesPort & SlotBookingsPort & StockWishesPort;
