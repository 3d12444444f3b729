// The shapes the whole engine speaks. Imports nothing of ours.
//
// Quantities are integers of a product's base unit: pieces for units of count, grams for weights.
// Money is integer minor units (cents); prices of products sold by weight are per their unit (kg, lb…).

import type { Unit } from './units';
import type { DatedSlot, OfferedSlot } from './slots';
import type { ProductTag } from './tags';
export type { ProductTag } from './tags';
export type { Unit } from './units';

export interface Product {
  sku: string;
  name: string;
  category: string;
  unit: Unit;
  priceCents: number;
  aliases: string[];
  /** For `kg` products: the usual weight of one piece, so "2 apples" can be weighed out. */
  pieceGrams?: number;
  /** Most of this product one cart line may hold, in its base unit (pieces, or grams); overrides the store's limit. */
  maxPerOrder?: number;
  /** false: hidden by the owner (never offered or matched, cannot be added to a cart); absent or true: on sale. */
  active?: boolean;
  /** What is in it, as the owner marked it (src/domain/tags.ts), in PRODUCT_TAGS order; absent: none. */
  tags?: ProductTag[];
}

/** Stock counters of one SKU. Invariant: available + reserved + sold == received, none negative. */
export interface StockLevel {
  sku: string;
  received: number;
  available: number;
  reserved: number;
  sold: number;
}

/** The longest message the assistant reads (characters, after tidying); longer ones get a polite note. */
export const MAX_MESSAGE_CHARS = 1000;

export const CHANNEL_NAMES = ['web', 'cli', 'api', 'telegram', 'whatsapp', 'sms', 'voice'] as const;
export type ChannelName = (typeof CHANNEL_NAMES)[number];

export interface InboundMessage {
  channel: ChannelName;
  /** E.164, already validated by the edge. */
  phone: string;
  text: string;
  messageId?: string;
  /** Where this channel reaches the customer again (a Telegram chat id); kept for messages the store starts. */
  replyTo?: string;
  /** Speech recognised with low confidence: it may not confirm or cancel an order. */
  unsure?: boolean;
  /**
   * The channel could not prove the sender owns this phone (caller ID without STIR/SHAKEN A attestation):
   * the bot may take an order but reads out no saved address or order history.
   */
  unverified?: boolean;
  /** The id of an option the customer chose by a button or a key press (never re-parsed: see Option). */
  option?: string;
  /** A picture or a voice note the customer sent (a photo of a shopping list, a spoken order). */
  media?: MediaPart[];
}

/** A picture or a voice note, fetched by the channel from its platform; bytes are bounded by the edge. */
export interface MediaPart {
  kind: 'image' | 'audio';
  mimeType: string;
  /** The bytes, base64. */
  data: string;
}

/**
 * A choice the bot offers. `id` is what comes back when it is chosen (by number, button, key press or its
 * label); `label` is how it is shown or said. Ids are built and read by src/domain/option-id.ts only.
 */
export interface Option {
  id: string;
  label: string;
}

/** One item of a list a reply reads out: a cart line, a search result, a product of a category. */
export interface ReplyItem {
  /** As shown: "2 × Milk", "1.5 kg Apples", "Bananas — $0.59 each". */
  label: string;
  /** Its amount in cents, when it has one (a line total, a price). */
  cents?: number;
}

/**
 * The keys of the messages a customer can be sent: one per sentence of src/engine/copy.ts (its name in
 * snake case; copy.ts fails to compile when a sentence has no key here, or a key here no sentence), plus
 * `cart` (the cart's list), `faq` (an answer of data/faq.json) and `notification` (free words: a staff
 * message, a notice handed to the outbox as text).
 */
export const REPLY_KEYS = [
  'add_again', 'added', 'added_more', 'added_pieces', 'address_changed', 'after_that', 'alternatives',
  'anything_else', 'ask_address', 'ask_address_no_name', 'ask_fulfilment', 'ask_name_again', 'ask_name_or_skip',
  'ask_new_address', 'at_line_limit', 'bad_address', 'bad_contact', 'below_minimum', 'bad_name', 'bad_name_or_skip', 'bad_quantity',
  'cancelled', 'cart_changed', 'cart_empty', 'cart_list', 'cart_released', 'cart_still_there', 'cart_summary',
  'cart_went_through', 'categories', 'category', 'complaint', 'confirm_again', 'confirm_cancel', 'confirm_restart',
  'contact_thanks', 'deals', 'didnt_understand', 'unanswered_question', 'empty_checkout', 'handoff', 'handoff_waiting', 'held_expired',
  'help', 'how_many', 'how_many_pieces', 'which_amount', 'not_in_usual', 'back_unknown', 'wish_stopped', 'no_wish', 'keep_shopping', 'kept_cart', 'kept_for_later', 'kept_full', 'kept_order', 'kept_proposal',
  'left_out', 'line_limit', 'low_stock', 'media_unreadable', 'menu', 'need_weight', 'needs_verified_caller',
  'no_cancellable', 'no_media', 'no_orders', 'no_text', 'not_cancellable', 'not_found', 'not_in_cart',
  'not_own_contact', 'not_yours', 'nothing_to_change', 'one_moment', 'opted_back_in', 'order_update', 'pick_number',
  'pick_one', 'placed', 'prices_changed', 'product_info', 'proposal', 'proposal_dropped', 'proposal_nothing',
  'read_back', 'registered_delivery', 'registered_pickup', 'removed', 'restarted', 'search_results', 'set_up_first',
  'share_contact', 'short', 'smalltalk', 'sms_help', 'sold_by_piece', 'status', 'swapped', 'text_only', 'thanks',
  'too_long', 'trouble', 'unread_rest', 'unsure_again', 'updated', 'voice_bye', 'voice_hidden',
  'voice_nothing_to_text', 'voice_offer_text', 'voice_still_there', 'voice_texted', 'welcome_back',
  'welcome_back_no_name', 'welcome_new', 'went_through', 'which_fulfilment', 'which_one', 'whole_pieces',
  'changes_question', 'changes_removed', 'changes_accepted', 'changes_declined', 'changes_expired', 'changes_closed',
  'changes_order_emptied',
  'usual', 'usual_none', 'no_usual', 'no_usual_yet', 'unsure_usual', 'no_favourite',
  'ask_slot', 'slot_taken', 'no_slots', 'which_slot', 'no_slot_then',
  'diet_yes', 'diet_no', 'diet_unknown', 'diet_conflict', 'diet_list', 'diet_none',
  'offer_wish', 'wish_kept', 'no_problem', 'back_in_stock', 'gone_again',
  'cart', 'faq', 'notification',
] as const;
export type ReplyKey = (typeof REPLY_KEYS)[number];
const KNOWN_KEYS: ReadonlySet<string> = new Set(REPLY_KEYS);
/** Whether a key read from outside (a queued job, an old record) is one of ours. */
export const isReplyKey = (key: string): key is ReplyKey => KNOWN_KEYS.has(key);

/** The parameters a reply may carry: amounts in cents, counts, names. */
export type ReplyParams = {
  totalCents?: number;
  deliveryFeeCents?: number;
  count?: number;
  orderId?: string;
  status?: string;
  query?: string;
  category?: string;
  topic?: string;
  address?: string;
  name?: string;
  source?: 'image' | 'audio';
  fulfilment?: 'delivery' | 'pickup';
  /** A question about the food: the claim asked (src/domain/tags.ts) and, for one product, the answer. */
  claim?: string;
  answer?: 'yes' | 'no' | 'unknown';
};

/**
 * One reply of the engine, structured so each channel renders it its own way: `text` for screens and the
 * transcript, `list` for the ear (three items at a time), `options` as buttons, a numbered list or "press N".
 */
export interface Reply {
  /** Which message of copy.ts this is ("cart", "added", "didnt_understand"); a reply of several: its first. */
  key: ReplyKey;
  /** The message's parameters (amounts in cents, counts, names), for channels and tests that need them. */
  params?: ReplyParams;
  /** The whole reply in words, as copy.ts writes it (includes the list's lines). */
  text: string;
  /** When the reply reads out a list: the words before it, its items, the words after. */
  list?: { intro: string; items: ReplyItem[]; outro?: string };
  /** The choices offered; a choice comes back as InboundMessage.option (its id) or is read by the interpreter. */
  options?: Option[];
}

export interface ChannelContact {
  address?: string;
  lastInboundAt: number;
  /**
   * SMS and WhatsApp: whether the customer has sent STOP there (and not START since), as the engine last
   * wrote it; unset until known (then the channel's state is read once). Spares a read on every message.
   */
  optedOut?: boolean;
}

export interface Customer {
  phone: string;
  name?: string;
  address?: string;
  createdAt: number;
  /** Set once name and delivery preference are known; until then the bot is registering them. */
  registeredAt?: number;
  /** Per channel: how to reach the customer there and when they last wrote from it. */
  channels?: Partial<Record<ChannelName, ChannelContact>>;
  lastChannel?: ChannelName;
}

export const STAGES = [
  'greeting', 'registration_name', 'registration_address', 'menu', 'ordering',
  'checkout_method', 'checkout_address', 'checkout_slot', 'checkout_confirm', 'placed', 'handoff',
] as const;
export type Stage = (typeof STAGES)[number];

/** A quantity as the customer said it, before it meets a product: a count, a weight, or nothing. */
/** An amount as said; `several` marks a plural with none said ("some tomatoes"), where one would be a guess. */
export type SaidQuantity = { kind: 'count'; value: number } | { kind: 'grams'; value: number } | { kind: 'none'; several?: true };

/**
 * The question on the table: what the bot last asked that the next message may answer, and all the
 * interpreter knows of where the dialogue stands. A stage asks its own question when it is entered (see
 * src/engine/stages); a side question (which one, how many, a confirmation) replaces it until answered.
 */
export type Asking =
  /** Nothing asked yet: the first message of a conversation, which may say who is writing. */
  | { kind: 'opening' }
  /** "What's your name?" (registration). */
  | { kind: 'name' }
  /** "What's your address?" (registration, or a new address at checkout). */
  | { kind: 'address' }
  /** "Delivery or pickup?" (checkout). */
  | { kind: 'fulfilment' }
  /** "When would you like it?": the next free slots, three at a time (`page`: how many pages on from the first). */
  | { kind: 'slot'; page?: number }
  /** The order read back: "Shall I place it?" */
  | { kind: 'confirm_order' }
  /** `queue`: the other unclear items of the same message, asked about in turn once this one is answered. */
  | { kind: 'choose_product'; action: 'add' | 'remove' | 'set' | 'ask'; quantity: SaidQuantity; skus: string[]; queue?: RequestedItem[] }
  /** `queue`: other products of the same message whose amount is still to be asked ("some tomatoes and apples"). */
  | { kind: 'how_many'; sku: string; queue?: RequestedItem[]; offered?: SaidQuantity }
  | { kind: 'confirm_cancel'; orderId: string }
  | { kind: 'confirm_restart' }
  /** Items read from a photo or a voice note, proposed as a cart: "yes" adds them all, "no" drops them. */
  | { kind: 'confirm_items'; items: RequestedItem[] }
  /** The store's changes to a placed order, awaiting the customer's "yes" or "no" (see Order.changes). */
  | { kind: 'confirm_changes'; orderId: string }
  /** A product found sold out: "Shall I tell you when it's back?" ("yes" records the customer's wish). */
  | { kind: 'confirm_wish'; sku: string }
  /** The notice that a wished-for product is back: "Add 1 to your cart?" ("yes", "1" or the button adds it). */
  | { kind: 'confirm_back'; sku: string };

/** The questions a stage asks of itself on entry; every other kind is a side question asked while shopping. */
export type StageQuestion = Extract<Asking, { kind: 'opening' | 'name' | 'address' | 'fulfilment' | 'slot' | 'confirm_order' }>;
/** A question asked while shopping, answered (or set aside) by the next message. */
export type SideQuestion = Exclude<Asking, StageQuestion>;

/**
 * An item the customer asked for that waits to be added: asked before registration finished, or proposed
 * from a photo or voice note. `skus`: the products its words matched (one: that product; several: "which
 * one?" when it is added; none: named as not found).
 */
export interface RequestedItem {
  query: string;
  quantity: SaidQuantity;
  skus: string[];
}

export type Fulfilment = 'delivery' | 'pickup';

/** An order as it was read back to the customer: the prices they heard. */
export interface Quote {
  lines: OrderLine[];
  fulfilment: Fulfilment;
  deliveryFeeCents: number;
  totalCents: number;
}

export interface Conversation {
  phone: string;
  /** Where the dialogue stands (the stage router's position); the interpreter never reads it. */
  stage: Stage;
  /** The question on the table (see Asking): what the interpreter reads. */
  asking?: Asking;
  /** The options of the last reply: a choice (button, key press, number, label) must be one of these ids. */
  options?: Option[];
  /** How many times the bot has asked this customer's name: never more than twice, then "skip" is offered. */
  nameAsks?: number;
  /** Items asked for before registration finished (at most MAX_DEFERRED), added once it has. */
  deferred?: RequestedItem[];
  /** Items read from a picture or voice note before registration finished: proposed (not added) once it has. */
  deferredProposal?: { items: RequestedItem[]; source: 'image' | 'audio' };
  fulfilment?: Fulfilment;
  /** The delivery or pickup slot chosen at this checkout, a place in it held until the order is placed or the checkout left. */
  slot?: OfferedSlot;
  /**
   * What the last read-back quoted, line by line: a "yes" places the order at exactly these lines and total,
   * or, when the cart or its prices have changed since, reads the order back again.
   */
  quote?: Quote;
  /**
   * The cart's holds when the last turn ended (empty: an empty cart; unset: not known). A line missing next
   * time may have expired meanwhile; a line new or changed was changed by a turn that failed before it was
   * saved. Either is told on the next message.
   */
  held?: { id: string; qty: number }[];
  /** The SKU the customer touched last, the target of "make it 3". */
  lastSku?: string;
  /**
   * SKUs the customer asked to hear about when back in stock (their wishes, see StockWishesPort), as their
   * last turn knew them: a message looks for a back-in-stock notice to answer only while there is one.
   */
  waitingFor?: string[];
  /**
   * An address given for the order being checked out only: a caller we cannot verify may name where this
   * order goes, but never changes the address saved for the phone's owner.
   */
  orderAddress?: string;
  updatedAt: number;
  /** When the idle-conversation job closed it (released the cart); a newer updatedAt reopens it. */
  closedAt?: number;
  /**
   * The message this conversation last answered (its scoped key) and the replies. Saving the conversation
   * commits a turn, so a retry of a message whose turn was saved replays these instead of running again.
   */
  lastTurn?: { key: string; replies: Reply[] };
  /** Why the conversation waits for a person: asked for one, or a complaint about an order (with that order). */
  handoff?: {
    reason: 'asked' | 'complaint'; about?: string; orderId?: string;
    /** The scoped key of the message that asked for a person: where the inbox starts counting unread messages. */
    askedIn?: string;
    /** When the customer was last told, while waiting, that a person will answer. */
    acknowledgedAt?: number;
  };
  /** Optimistic concurrency: a write succeeds only against the version it read. */
  version: number;
}

/**
 * `offered`: a substitute's units reserved for a placed order while its customer is asked (counted in
 * `reserved`, never in a cart); `written_off`: an order's units found missing or damaged at picking time,
 * gone from `sold` and `received`.
 */
export type HoldStatus = 'active' | 'released' | 'expired' | 'converted' | 'restocked' | 'offered' | 'written_off';

/** A reservation of stock for one cart line. A phone's active holds are its cart. */
export interface Hold {
  id: string;
  phone: string;
  sku: string;
  qty: number;
  status: HoldStatus;
  createdAt: number;
  expiresAt: number;
  orderId?: string;
  /** The message (its scoped key) that last set this line, so a retried message changes it only once. */
  opKey?: string;
}

/** `ready`: a pickup order packed and waiting at the store ("ready for collection"); pickup orders are never `dispatched`. */
export const ORDER_STATUSES = ['placed', 'preparing', 'ready', 'dispatched', 'delivered', 'cancelled'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export interface OrderLine {
  sku: string;
  name: string;
  unit: Unit;
  qty: number;
  unitPriceCents: number;
  /** What the customer pays for the line: after its discount. */
  lineTotalCents: number;
  /** Cents the line's promotion took off (absent: none); kept, so a later change of promotions leaves the order alone. */
  discountCents?: number;
  promotionId?: string;
}

export interface Order {
  id: string;
  phone: string;
  status: OrderStatus;
  lines: OrderLine[];
  deliveryFeeCents: number;
  /** Lines plus delivery fee. */
  totalCents: number;
  fulfilment: Fulfilment;
  address?: string;
  /** When it is delivered or collected, as the customer chose it (stores that ask for slots). */
  slot?: DatedSlot;
  channel: ChannelName;
  holdIds: string[];
  createdAt: number;
  updatedAt: number;
  /** The message (its scoped key) that placed the order, so a retried "yes" finds it instead of placing another. */
  messageKey?: string;
  /** Changes the store made or proposed at picking time, oldest first (see OrderChange). */
  changes?: OrderChange[];
  /** The staff's notes on the order, oldest first; never sent to the customer. */
  notes?: OrderNote[];
}

/** Who wrote an order note: the shared admin token, or a signed-in person (by login and name). */
export type NoteAuthor = { kind: 'admin' } | { kind: 'staff'; login: string; name: string };

/** A note staff keep on an order ("customer will collect after 6 pm"). */
export interface OrderNote {
  at: number;
  by: NoteAuthor;
  text: string;
}

export const CHANGE_ACTIONS = ['remove', 'quantity', 'substitute'] as const;
/** A line found missing (remove), short (quantity: fewer of it), or missing with another product offered (substitute). */
export type ChangeAction = (typeof CHANGE_ACTIONS)[number];
/**
 * `pending`: the customer is asked; `accepted`/`declined`: they answered; `expired`: no answer in time, the
 * store's default (the line removed) applied; `applied`: a removal, made at once (nothing to ask).
 */
export type ChangeStatus = 'pending' | 'accepted' | 'declined' | 'expired' | 'applied';

/** Who proposed a change: the admin token, or a named person of the console (see ConsoleActor). */
export type ChangeProposer = { kind: 'admin' } | { kind: 'staff'; login: string; name: string; role: 'owner' | 'staff' };

/**
 * A change of one order line at picking time. Changes proposed together are asked as one question and
 * settled together, by a conditional change of their status: only the winner moves stock and the total.
 */
export interface OrderChange {
  id: string;
  action: ChangeAction;
  /** The line as ordered. */
  line: OrderLine;
  /** What the customer is offered instead (fewer of it, or another product); none for a removal. */
  offer?: OrderLine;
  status: ChangeStatus;
  proposedBy: ChangeProposer;
  proposedAt: number;
  /** While pending: when the store's default (removing the line) applies. */
  expiresAt?: number;
  settledAt?: number;
}
/**
 * One inbound message's record, keyed `${channel}:${phone}:${messageId}`: written, done, with its replies
 * when the message's turn ends (TurnsPort.endTurn). A turn that failed or died leaves none (only its begun
 * note), so the message sent again runs again. `pending` is the state of records older versions wrote.
 */
export interface MessageRecord {
  key: string;
  phone: string;
  channel: ChannelName;
  at: number;
  state: 'pending' | 'done';
  replies?: Reply[];
}

/** What the store knows of one customer on one platform beyond their messages: opt-outs, blocks. */
export interface ChannelState {
  phone: string;
  channel: ChannelName;
  /** The customer texted STOP (or the platform said they opted out): nothing more is sent there. */
  optedOutAt?: number;
  /** The platform refused for good (blocked the bot, invalid number): nothing more is sent there. */
  unreachable?: { reason: string; at: number };
  /** Web chat only: the customer signed out; sessions issued before this instant are no longer accepted. */
  signedOutAt?: number;
  updatedAt: number;
}

export type DeliveryStatus = 'queued' | 'sent' | 'delivered' | 'undelivered' | 'failed' | 'skipped';

/** One message the store sent (or tried to): its fate, as the platform last reported it. */
export interface Delivery {
  id: string;
  phone: string;
  channel: ChannelName;
  status: DeliveryStatus;
  /** The platform's id of the message (a Twilio Message SID, a Telegram message id). */
  providerId?: string;
  /** The platform's error code (Twilio 21610, 63016…) or a short reason. */
  errorCode?: string;
  detail?: string;
  attempts: number;
  createdAt: number;
  updatedAt: number;
}

/** A one-time code the web chat sent to verify that a browser speaks for a phone. */
export interface Verification {
  phone: string;
  /** A keyed hash of the code, never the code itself. */
  codeHash: string;
  expiresAt: number;
  attempts: number;
  createdAt: number;
}

/** One day's figures, per channel, from the stats roll-up. `day` is YYYY-MM-DD in UTC. */
export interface DailyStats {
  day: string;
  channels: Partial<Record<ChannelName, { messages: number; orders: number; revenueCents: number }>>;
  newCustomers: number;
}

export interface Clock {
  now(): number;
}

export interface Ids {
  next(): string;
}
