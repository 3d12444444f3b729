import type { Fulfilment, Order, OrderLine } from '../domain/types';
import { priceLines } from '../orders/orders';
import type { Intent } from '../understanding/interpreter';
import { OPTION } from './copy';
import { cleanAddress } from './registration';
import type { Turn } from './turn';

/** Things a customer may say instead of an address, which leave the address question. */
const ADDRESS_ESCAPES = new Set(['show_cart', 'checkout', 'restart', 'status', 'cancel_order', 'no', 'browse', 'faq', 'deals']);

export async function startCheckout(turn: Turn): Promise<void> {
  const { lines } = await turn.cart();
  if (lines.length === 0) { turn.conv.stage = 'ordering'; turn.say(turn.copy.emptyCheckout, [OPTION.browse]); return; }
  turn.conv.stage = 'checkout_method';
  const address = turn.address;
  turn.say(turn.copy.askFulfilment(address, turn.deps.config.deliveryFeeCents),
    address ? [OPTION.delivery, OPTION.pickup, OPTION.changeAddress] : [OPTION.pickup, OPTION.delivery]);
}

async function readBack(turn: Turn, fulfilment: Fulfilment): Promise<void> {
  const { lines } = await turn.cart();
  if (lines.length === 0) { turn.conv.stage = 'ordering'; turn.say(turn.copy.emptyCheckout, [OPTION.browse]); return; }
  turn.conv.fulfilment = fulfilment;
  turn.conv.stage = 'checkout_confirm';
  turn.conv.quotedCents = quoteOf(lines, fulfilment, turn.deps.config.deliveryFeeCents);
  turn.say(turn.copy.readBack(lines, fulfilment, turn.deps.config.deliveryFeeCents, turn.address), [OPTION.placeIt, OPTION.keepShopping]);
}

async function askAddress(turn: Turn): Promise<void> {
  turn.conv.stage = 'checkout_address';
  turn.say(turn.copy.askNewAddress);
}

/** Handles the checkout stages; returns false when the message is something else, for the general handler. */
export async function checkout(turn: Turn, intent: Intent): Promise<boolean> {
  const stage = turn.conv.stage;
  const text = turn.text.trim().toLowerCase();
  if (stage === 'checkout_address') {
    if (intent.type === 'pickup') { await readBack(turn, 'pickup'); return true; }
    if (ADDRESS_ESCAPES.has(intent.type)) return false;
    const address = cleanAddress(turn.text);
    if (!address) { turn.say(turn.copy.badAddress, [OPTION.pickup]); return true; }
    turn.customer.address = address;
    await readBack(turn, 'delivery');
    return true;
  }
  if (stage === 'checkout_method') {
    if (intent.type === 'pickup') { await readBack(turn, 'pickup'); return true; }
    if (intent.type === 'delivery' || intent.type === 'yes') {
      if (turn.customer.address) await readBack(turn, 'delivery');
      else await askAddress(turn);
      return true;
    }
    if (text === OPTION.changeAddress.toLowerCase() || /\b(change|new|different) address\b/.test(text)) { await askAddress(turn); return true; }
    return false;
  }
  if (stage === 'checkout_confirm') {
    if (intent.type === 'yes' && turn.msg.unsure) { turn.say(turn.copy.unsureAgain, [OPTION.placeIt, OPTION.keepShopping]); return true; }
    if (intent.type === 'yes') { await place(turn); return true; }
    if (intent.type === 'no') { turn.conv.stage = 'ordering'; turn.say(turn.copy.keepShopping, [OPTION.checkout, OPTION.cart]); return true; }
    return false;
  }
  return false;
}

/** The end of a checkout: the order's confirmation (the same one when a retried "yes" finds the order it placed). */
export function placed(turn: Turn, order: Order): void {
  turn.conv.stage = 'placed';
  turn.conv.pending = undefined;
  turn.conv.lastSku = undefined;
  turn.say(turn.copy.placed(order, turn.msg.unverified));
}

const quoteOf = (lines: OrderLine[], fulfilment: Fulfilment, fee: number) =>
  lines.reduce((sum, l) => sum + l.lineTotalCents, 0) + (fulfilment === 'delivery' ? fee : 0);

/**
 * Whether the order would cost what the read-back quoted: priced as of that read-back (a promotion that merely
 * ended since still applies), with the promotions and cart of now (a replaced set of promotions, or a line
 * that changed, does not).
 */
async function stillAsQuoted(turn: Turn, fulfilment: Fulfilment): Promise<boolean> {
  const quoted = turn.conv.quotedCents;
  if (quoted === undefined) return true;
  const { holds } = await turn.cart();
  const promotions = (await turn.deps.promotions?.current()) ?? [];
  const lines = priceLines(holds, await turn.catalog(), { promotions, now: turn.conv.updatedAt });
  return quoteOf(lines, fulfilment, turn.deps.config.deliveryFeeCents) === quoted;
}

async function place(turn: Turn): Promise<void> {
  const fulfilment = turn.conv.fulfilment ?? 'pickup';
  // A retried "yes" may find its first attempt's checkout half done (holds already sold): the order is
  // finished as that attempt began it, at the read-back's prices.
  if (!turn.retry && !(await stillAsQuoted(turn, fulfilment))) {
    turn.say(turn.copy.pricesChanged);
    await readBack(turn, fulfilment);
    return;
  }
  const result = await turn.deps.orders.place({
    phone: turn.customer.phone,
    fulfilment,
    address: turn.customer.address,
    channel: turn.msg.channel,
    deliveryFeeCents: turn.deps.config.deliveryFeeCents,
    messageKey: turn.key,
    // The conversation was last saved by the read-back this "yes" answers: its prices are the ones agreed.
    pricedAt: turn.conv.updatedAt,
  });
  turn.cartChanged();
  if (result.ok) { placed(turn, result.order); return; }
  turn.conv.stage = 'ordering';
  if (result.reason === 'empty') { turn.say(turn.copy.emptyCheckout, [OPTION.browse]); return; }
  const catalog = await turn.catalog();
  turn.say(turn.copy.cartChanged(result.lost.map((h) => catalog.get(h.sku)?.name ?? h.sku)), [OPTION.cart]);
}
