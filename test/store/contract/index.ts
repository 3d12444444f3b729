import type { Store } from '../../../src/store/store';
import { auditContract } from './audit';
import { catalogContract } from './catalog';
import { conversationListContract } from './conversation-list';
import { conversationsContract } from './conversations';
import { customersContract } from './customers';
import { holdsContract } from './holds';
import { housekeepingContract } from './housekeeping';
import { messagesContract } from './messages';
import { orderNotesContract } from './order-notes';
import { ordersContract } from './orders';
import { orderChangesContract } from './order-changes';
import { outboundContract } from './outbound';
import { promotionsContract } from './promotions';
import { purchasesContract } from './purchases';
import { staffContract } from './staff';
import { settingsContract } from './settings';
import { slotBookingsContract } from './slot-bookings';
import { statsContract } from './stats';
import { stockContract } from './stock';
import { stockWishesContract } from './stock-wishes';
import { transcriptsContract } from './transcripts';
import { turnsContract } from './turns';
import { verificationsContract } from './verifications';

/** Every port's contract suite, on one adapter: what an adapter must pass to be a store. */
export function storeContracts(adapter: string, open: () => Promise<Store>): void {
  for (const contract of [
    catalogContract, stockContract, holdsContract, customersContract, conversationsContract, ordersContract, messagesContract,
    outboundContract, verificationsContract, transcriptsContract, auditContract, promotionsContract, settingsContract, statsContract, housekeepingContract, turnsContract,
    staffContract, conversationListContract, orderNotesContract, orderChangesContract, purchasesContract, slotBookingsContract, stockWishesContract,
  ]) contract(adapter, open);
}
