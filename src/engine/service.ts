import type { Order } from '../domain/types';
import { CANCELLABLE } from '../orders/orders';
import { OPTION, shelfOption } from './copy';
import type { Turn } from './turn';

export async function showStatus(turn: Turn): Promise<void> {
  if (turn.msg.unverified) { turn.say('needs_verified_caller', turn.copy.needsVerifiedCaller); return; }
  const orders = (await turn.deps.orders.ofCustomer(turn.customer.phone)).slice(0, 3);
  turn.say(orders.length ? 'status' : 'no_orders', orders.length ? turn.copy.status(orders) : turn.copy.noOrders);
}

/** Finds the order to cancel (the one named, else the newest open one) and asks before cancelling. */
export async function askCancel(turn: Turn, orderId?: string): Promise<void> {
  if (turn.msg.unverified) { turn.say('needs_verified_caller', turn.copy.needsVerifiedCaller); return; }
  const mine = await turn.deps.orders.ofCustomer(turn.customer.phone);
  let order: Order | undefined;
  if (orderId) {
    order = mine.find((o) => o.id === orderId);
    if (!order) { turn.say('not_yours', turn.copy.notYours(orderId)); return; }
  } else {
    order = mine.find((o) => CANCELLABLE.includes(o.status)) ?? mine.find((o) => o.status !== 'cancelled' && o.status !== 'delivered');
    if (!order) { turn.say('no_cancellable', turn.copy.noCancellable); return; }
  }
  if (!CANCELLABLE.includes(order.status)) { sayNotCancellable(turn, order); return; }
  turn.conv.asking = { kind: 'confirm_cancel', orderId: order.id };
  turn.say('confirm_cancel', turn.copy.confirmCancel(order), [OPTION.yes, OPTION.no], { orderId: order.id, totalCents: order.totalCents });
}

export async function confirmCancel(turn: Turn, orderId: string): Promise<void> {
  const result = await turn.deps.orders.cancel(orderId, { retry: turn.retry });
  if (result.ok) turn.say('cancelled', turn.copy.cancelled(result.order), undefined, { orderId });
  else if (result.reason === 'not_found') turn.say('not_yours', turn.copy.notYours(orderId));
  else {
    const order = await turn.deps.store.getOrder(orderId);
    // Already cancelled (a retry of this very "yes", or the store): it is what the customer asked for.
    if (order?.status === 'cancelled') turn.say('cancelled', turn.copy.cancelled(order), undefined, { orderId });
    else if (order) sayNotCancellable(turn, order);
  }
}

export async function askRestart(turn: Turn): Promise<void> {
  const { lines } = await turn.cart();
  if (lines.length === 0) { await restart(turn); return; }
  turn.conv.asking = { kind: 'confirm_restart' };
  turn.say('confirm_restart', turn.copy.confirmRestart, [OPTION.yes, OPTION.no]);
}

export async function restart(turn: Turn): Promise<void> {
  await turn.deps.inventory.releaseAll(turn.customer.phone);
  turn.cartChanged();
  turn.moveTo('menu');
  turn.conv.lastSku = undefined;
  turn.conv.fulfilment = undefined;
  turn.startedOver = true;
  turn.say('restarted', turn.copy.restarted, [OPTION.browse, OPTION.help]);
}

/**
 * A new address said while shopping: saved for the next deliveries. A caller whose number we cannot verify may
 * not move the address of the phone's owner (they may give one for an order at checkout only).
 */
export function changeAddress(turn: Turn, address: string): void {
  if (turn.msg.unverified) { turn.say('needs_verified_caller', turn.copy.needsVerifiedCaller); return; }
  turn.customer.address = address;
  turn.say('address_changed', turn.copy.addressChanged(address), [OPTION.checkout, OPTION.browse], { address });
}

export async function browse(turn: Turn, category?: string): Promise<void> {
  const catalog = [...(await turn.shelf()).values()];
  if (!category) {
    turn.say('categories', turn.copy.categories, [...new Set(catalog.map((p) => p.category))].sort().map(shelfOption));
    return;
  }
  const stock = new Map((await turn.deps.store.listStock()).map((s) => [s.sku, s.available]));
  const items = catalog.filter((p) => p.category === category).sort((a, b) => a.name.localeCompare(b.name))
    .map((p) => ({ p, available: stock.get(p.sku) ?? 0 }));
  turn.say('category', turn.copy.category(category, items), undefined, { category });
}

export async function greetBack(turn: Turn): Promise<void> {
  const { lines, total } = await turn.cart();
  const name = turn.customer.name;
  const parts = [name ? turn.copy.welcomeBack(name) : turn.copy.welcomeBackNoName];
  if (lines.length) {
    parts.push(turn.copy.cartStillThere(lines.length, total));
    turn.say('welcome_back', parts.join(' '), [OPTION.checkout, OPTION.cart, OPTION.browse], { totalCents: total });
  } else {
    parts.push(turn.copy.menu);
    turn.say('welcome_back', parts.join(' '), [OPTION.browse, OPTION.help]);
  }
}

function sayNotCancellable(turn: Turn, order: Order): void {
  if (order.status === 'cancelled') turn.say('cancelled', turn.copy.cancelled(order), undefined, { orderId: order.id });
  else turn.say('not_cancellable', turn.copy.notCancellable(order), undefined, { orderId: order.id });
}
