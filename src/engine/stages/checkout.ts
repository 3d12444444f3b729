import type { Conversation, Fulfilment, Option, Order, OrderLine, Quote, Stage } from '../../domain/types';
import { priceLines } from '../../orders/orders';
import { OPTION, placeOption } from '../copy';
import type { Action } from '../options';
import type { Turn } from '../turn';
import { orderedIn } from '../wish-offer';
import type { Handled, StageModule } from './stage';
import { askSlot, holdSlot, needsSlot } from './slot';

/** The stages of a checkout, from "delivery or pickup?" to the read-back; written here only. */
export const CHECKOUT_STAGES: readonly Stage[] = ['checkout_method', 'checkout_address', 'checkout_slot', 'checkout_confirm'];

/**
 * Leaving the checkout (for the cart, the order placed, a person…): what only this checkout kept goes. The
 * slot's place is given up by the turn's end (see pipeline/slot-release.ts).
 */
export function leaveCheckout(conv: Conversation, to: Stage): void {
  if (CHECKOUT_STAGES.includes(to)) return;
  conv.orderAddress = undefined;
  conv.quote = undefined;
  conv.slot = undefined;
}

/** checkout_method: "Delivery or pickup?" (startCheckout asks it). */
export const checkoutMethod: StageModule = {
  asks: { kind: 'fulfilment' },
  handle: chooseMethod,
  onExit: leaveCheckout,
};

/** checkout_address: "Where should we deliver?" (askAddress asks it). */
export const checkoutAddress: StageModule = {
  asks: { kind: 'address' },
  handle: takeAddress,
  onExit: leaveCheckout,
};

/** checkout_confirm: the order read back, "Shall I place it?" (readBack asks it). */
export const checkoutConfirm: StageModule = {
  asks: { kind: 'confirm_order' },
  handle: confirmOrder,
  onExit: leaveCheckout,
};

/** Things a customer may say instead of an address, which leave the address question. */
const ADDRESS_ESCAPES = new Set(['show_cart', 'checkout', 'restart', 'status', 'cancel_order', 'no', 'browse', 'faq', 'deals', 'usual', 'add', 'remove', 'set_qty', 'ask', 'search', 'diet']);

/** The buttons of "delivery or pickup?": delivery first when there is an address to deliver to. */
function fulfilmentOptions(turn: Turn): Option[] {
  return turn.address ? [OPTION.delivery, OPTION.pickup, OPTION.changeAddress] : [OPTION.pickup, OPTION.delivery];
}

export async function startCheckout(turn: Turn): Promise<void> {
  const { lines } = await turn.cart();
  if (lines.length === 0) { turn.moveTo('ordering'); turn.say('empty_checkout', turn.copy.emptyCheckout, [OPTION.browse]); return; }
  turn.moveTo('checkout_method');
  turn.conv.orderAddress = undefined;
  const address = turn.address;
  turn.say('ask_fulfilment', turn.copy.askFulfilment(address, turn.deps.config.deliveryFeeCents), fulfilmentOptions(turn),
    { deliveryFeeCents: turn.deps.config.deliveryFeeCents });
}

/** "That's all, pickup": checking out the way said, without asking "delivery or pickup?" first. */
export async function checkoutAs(turn: Turn, how: Action): Promise<void> {
  const { lines } = await turn.cart();
  if (lines.length === 0) { turn.moveTo('ordering'); turn.say('empty_checkout', turn.copy.emptyCheckout, [OPTION.browse]); return; }
  turn.moveTo('checkout_method');
  turn.conv.orderAddress = undefined;
  turn.conv.options = fulfilmentOptions(turn);
  if ((await chooseMethod(turn, how)) === 'not_mine') await startCheckout(turn);
}

/**
 * "Yes, place it" for the total just read back: its id carries that total, so a button left on an older
 * read-back (another total) is not on offer any more and places nothing.
 */
const placeFor = (quotedCents: number | undefined): Option => placeOption(quotedCents ?? 0);

export async function readBack(turn: Turn, fulfilment: Fulfilment): Promise<void> {
  const { lines } = await turn.cart();
  if (lines.length === 0) { turn.moveTo('ordering'); turn.say('empty_checkout', turn.copy.emptyCheckout, [OPTION.browse]); return; }
  if (fulfilment === 'delivery' && belowMinimum(turn, lines)) return;
  turn.conv.fulfilment = fulfilment;
  // The store asks when: the next free slots first, the read-back once one is chosen.
  if (needsSlot(turn)) { await askSlot(turn); return; }
  turn.moveTo('checkout_confirm');
  const fee = turn.deps.config.deliveryFeeCents;
  // The lines as read back are the order's, if "yes" comes before the cart or its prices change.
  const quote = quoteOf(lines, fulfilment, fee);
  turn.conv.quote = quote;
  turn.say('read_back', turn.copy.readBack(lines, fulfilment, fee, turn.conv.orderAddress ?? turn.address, turn.conv.slot), [placeFor(quote.totalCents), OPTION.keepShopping],
    { totalCents: quote.totalCents, fulfilment, ...(fulfilment === 'delivery' ? { deliveryFeeCents: fee } : {}) });
}

/**
 * A delivery below the store's minimum order: the customer is told the minimum and what is missing, and
 * offered pickup or more shopping (the checkout stays at "delivery or pickup?").
 */
function belowMinimum(turn: Turn, lines: OrderLine[]): boolean {
  const minimum = turn.deps.shop?.current().minimumOrderCents ?? 0;
  const subtotal = lines.reduce((sum, l) => sum + l.lineTotalCents, 0);
  if (subtotal >= minimum) return false;
  turn.moveTo('checkout_method');
  turn.say('below_minimum', turn.copy.belowMinimum(minimum, subtotal), [OPTION.pickup, OPTION.browse], { totalCents: subtotal });
  return true;
}

export function askAddress(turn: Turn): void {
  turn.moveTo('checkout_address');
  turn.say('ask_new_address', turn.copy.askNewAddress, [OPTION.pickup]);
}

/**
 * A delivery address said at checkout: saved, and the order read back to be delivered there. An unverified
 * caller's address is for this order only: whoever holds the phone's number must not move the owner's address.
 */
export async function deliverTo(turn: Turn, address: string): Promise<void> {
  if (turn.msg.unverified) turn.conv.orderAddress = address;
  else {
    turn.customer.address = address;
    turn.conv.orderAddress = undefined;
  }
  await readBack(turn, 'delivery');
}

/** "Deliver to 5 Elm Street" while shopping, with a cart: straight to the read-back for that address. */
export async function readBackTo(turn: Turn, address: string): Promise<void> {
  turn.moveTo('checkout_method');
  await deliverTo(turn, address);
}

/** checkout_method: delivery or pickup; anything else is not its to answer. */
async function chooseMethod(turn: Turn, action: Action): Promise<Handled> {
  if (action.type === 'pickup') await readBack(turn, 'pickup');
  else if (action.type === 'address') await deliverTo(turn, action.address);
  else if (action.type === 'delivery' && action.address) await deliverTo(turn, action.address);
  // "Yes" to "delivery or pickup?" chooses neither: ask which, with the same buttons.
  else if (action.type === 'yes') turn.say('which_fulfilment', turn.copy.whichFulfilment, turn.conv.options);
  else if (action.type === 'delivery') {
    if (turn.conv.orderAddress ?? turn.customer.address) await readBack(turn, 'delivery');
    else askAddress(turn);
  } else if (action.type === 'change_address') askAddress(turn);
  else return 'not_mine';
  return 'handled';
}

/** checkout_address: the address to deliver to (or pickup after all). */
async function takeAddress(turn: Turn, action: Action): Promise<Handled> {
  if (action.type === 'pickup') await readBack(turn, 'pickup');
  else if (action.type === 'address') await deliverTo(turn, action.address);
  else if (action.type === 'delivery' && action.address) await deliverTo(turn, action.address);
  else if (ADDRESS_ESCAPES.has(action.type)) return 'not_mine';
  else turn.say('bad_address', turn.copy.badAddress, [OPTION.pickup]);
  return 'handled';
}

/** checkout_confirm: "yes" places the order at the quoted total, "no" goes back to shopping. */
async function confirmOrder(turn: Turn, action: Action): Promise<Handled> {
  const again = [placeFor(turn.conv.quote?.totalCents), OPTION.keepShopping];
  if (action.type === 'yes' && turn.msg.unsure) turn.say('unsure_again', turn.copy.unsureAgain, again);
  else if (action.type === 'yes') await place(turn);
  else if (action.type === 'no') { turn.moveTo('ordering'); turn.say('keep_shopping', turn.copy.keepShopping, [OPTION.checkout, OPTION.cart]); }
  else if (action.type === 'pickup') await readBack(turn, 'pickup');
  else if (action.type === 'delivery' && action.address) await deliverTo(turn, action.address);
  else if (action.type === 'address') await deliverTo(turn, action.address);
  else if (action.type === 'delivery' && (turn.conv.orderAddress ?? turn.customer.address)) await readBack(turn, 'delivery');
  else if (action.type === 'delivery') askAddress(turn);
  // Words that answer nothing ("thank you so much", "hmm", what the rules could not read) leave the order
  // waiting for its answer: asked again, with its buttons, instead of dropped.
  else if (action.type === 'unknown' || action.type === 'smalltalk' || action.type === 'thanks' || action.type === 'greet') turn.say('confirm_again', turn.copy.confirmAgain, again);
  else return 'not_mine';
  return 'handled';
}

/** The end of a checkout: the order's confirmation (the same one when a retried "yes" finds the order it placed). */
export function placed(turn: Turn, order: Order): void {
  // An unverified caller hears the address only when they said it for this order themselves.
  const hide = Boolean(turn.msg.unverified) && order.address !== turn.conv.orderAddress;
  turn.moveTo('placed');
  // Already at placed (a retried "yes" finishing its order): the confirmation leaves nothing asked either.
  turn.conv.asking = undefined;
  turn.conv.lastSku = undefined;
  orderedIn(turn, order.lines.map((l) => l.sku));
  // Outside opening hours (closed now, a closure, past the cut-off): when it will be prepared; an order with a
  // slot has its time named already (the slot), which a "we'll prepare yours…" must not contradict.
  turn.say('placed', `${turn.copy.placed(order, hide)}${order.slot ? '' : turn.whenPrepared()}`, undefined, { orderId: order.id, totalCents: order.totalCents });
}

function quoteOf(lines: OrderLine[], fulfilment: Fulfilment, fee: number): Quote {
  const deliveryFeeCents = fulfilment === 'delivery' ? fee : 0;
  return { lines, fulfilment, deliveryFeeCents, totalCents: lines.reduce((sum, l) => sum + l.lineTotalCents, 0) + deliveryFeeCents };
}

/**
 * Whether the cart is still what the read-back quoted: the same lines at the same prices, priced with the
 * catalog and promotions of now as of the read-back's instant (a promotion that merely ended since still
 * applies; one the owner removed, or a price the owner changed, does not).
 */
async function stillAsQuoted(turn: Turn, quote: Quote): Promise<boolean> {
  const { holds } = await turn.cart();
  const promotions = (await turn.deps.promotions?.current()) ?? [];
  const lines = priceLines(holds, await turn.catalog(), { promotions, now: turn.conv.updatedAt });
  const now = quoteOf(lines, quote.fulfilment, turn.deps.config.deliveryFeeCents);
  const same = (a: OrderLine, b: OrderLine) => a.sku === b.sku && a.qty === b.qty && a.unitPriceCents === b.unitPriceCents && a.lineTotalCents === b.lineTotalCents;
  return now.totalCents === quote.totalCents && now.lines.length === quote.lines.length && now.lines.every((l, i) => same(l, quote.lines[i]!));
}

async function place(turn: Turn): Promise<void> {
  const fulfilment = turn.conv.fulfilment ?? 'pickup';
  const quote = turn.conv.quote;
  // A retried "yes" may find its first attempt's checkout half done (holds already sold): the order is
  // finished as that attempt began it, at the read-back's prices. Else the cart must still be as quoted:
  // a price, promotion or line changed since is read back again, never placed at a total nobody heard.
  // Not as quoted may also be a checkout of an earlier "yes" that died part-way (the web chat sends "yes"
  // again under a new id): its cart is taken already, and placing the order finishes it.
  const changed = async (q: Quote) => !(await stillAsQuoted(turn, q)) && !(await turn.deps.orders.interruptedCheckout(turn.customer.phone));
  if (!quote || (!turn.retry && (await changed(quote)))) {
    if (quote) turn.say('prices_changed', turn.copy.pricesChanged);
    // Priced again now: the cart this turn read first may carry the prices from before the change.
    turn.cartChanged();
    await readBack(turn, fulfilment);
    return;
  }
  // The slot's place is held again for the moment of placing (it may have lapsed while the customer talked);
  // taken by someone else meanwhile: the next free ones are offered, and nothing is placed.
  const slot = turn.conv.slot && await holdSlot(turn, turn.conv.slot);
  if (turn.conv.slot && !slot) { turn.conv.slot = undefined; await askSlot(turn, 0, 'slot_taken'); return; }
  if (!slot && needsSlot(turn)) { await askSlot(turn); return; }
  const result = await turn.deps.orders.place({
    ...(slot ? { slot } : {}),
    phone: turn.customer.phone,
    fulfilment,
    address: turn.conv.orderAddress ?? turn.customer.address,
    channel: turn.msg.channel,
    deliveryFeeCents: turn.deps.config.deliveryFeeCents,
    messageKey: turn.key,
    quote,
  });
  turn.cartChanged();
  if (result.ok) { placed(turn, result.order); return; }
  // The slot filled between its hold and the booking: nothing placed, the cart kept; the next free ones offered.
  if (result.reason === 'slot_taken') { turn.conv.slot = undefined; await askSlot(turn, 0, 'slot_taken'); return; }
  if (result.reason === 'not_as_quoted') {
    turn.say('prices_changed', turn.copy.pricesChanged);
    await readBack(turn, fulfilment);
    return;
  }
  turn.moveTo('ordering');
  if (result.reason === 'empty') { turn.say('empty_checkout', turn.copy.emptyCheckout, [OPTION.browse]); return; }
  const catalog = await turn.catalog();
  turn.say('cart_changed', turn.copy.cartChanged(result.lost.map((h) => catalog.get(h.sku)?.name ?? h.sku)), [OPTION.cart]);
}
