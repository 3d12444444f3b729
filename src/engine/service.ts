import type { Order } from '../domain/types';
import { CANCELLABLE } from '../orders/orders';
import { OPTION } from './copy';
import type { Turn } from './turn';

export async function showStatus(turn: Turn): Promise<void> {
  if (turn.msg.unverified) { turn.say(turn.copy.needsVerifiedCaller); return; }
  const orders = (await turn.deps.orders.ofCustomer(turn.customer.phone)).slice(0, 3);
  turn.say(orders.length ? turn.copy.status(orders) : turn.copy.noOrders);
}

/** Finds the order to cancel (the one named, else the newest open one) and asks before cancelling. */
export async function askCancel(turn: Turn, orderId?: string): Promise<void> {
  if (turn.msg.unverified) { turn.say(turn.copy.needsVerifiedCaller); return; }
  const mine = await turn.deps.orders.ofCustomer(turn.customer.phone);
  let order: Order | undefined;
  if (orderId) {
    order = mine.find((o) => o.id === orderId);
    if (!order) { turn.say(turn.copy.notYours(orderId)); return; }
  } else {
    order = mine.find((o) => CANCELLABLE.includes(o.status)) ?? mine.find((o) => o.status !== 'cancelled' && o.status !== 'delivered');
    if (!order) { turn.say(turn.copy.noCancellable); return; }
  }
  if (!CANCELLABLE.includes(order.status)) { turn.say(order.status === 'cancelled' ? turn.copy.cancelled(order) : turn.copy.notCancellable(order)); return; }
  turn.conv.pending = { kind: 'confirm_cancel', orderId: order.id };
  turn.say(turn.copy.confirmCancel(order), [OPTION.yes, OPTION.no]);
}

export async function confirmCancel(turn: Turn, orderId: string): Promise<void> {
  const result = await turn.deps.orders.cancel(orderId);
  if (result.ok) turn.say(turn.copy.cancelled(result.order));
  else if (result.reason === 'not_found') turn.say(turn.copy.notYours(orderId));
  else {
    const order = await turn.deps.store.getOrder(orderId);
    if (order) turn.say(order.status === 'cancelled' ? turn.copy.cancelled(order) : turn.copy.notCancellable(order));
  }
}

export async function askRestart(turn: Turn): Promise<void> {
  const { lines } = await turn.cart();
  if (lines.length === 0) { await restart(turn); return; }
  turn.conv.pending = { kind: 'confirm_restart' };
  turn.say(turn.copy.confirmRestart, [OPTION.yes, OPTION.no]);
}

export async function restart(turn: Turn): Promise<void> {
  await turn.deps.inventory.releaseAll(turn.customer.phone);
  turn.cartChanged();
  turn.conv.stage = 'menu';
  turn.conv.lastSku = undefined;
  turn.conv.fulfilment = undefined;
  turn.say(turn.copy.restarted, [OPTION.browse, OPTION.help]);
}

export function handOff(turn: Turn): void {
  turn.conv.stage = 'handoff';
  turn.say(turn.copy.handoff);
}

export async function browse(turn: Turn, category?: string): Promise<void> {
  const catalog = [...(await turn.catalog()).values()];
  if (!category) {
    turn.say(turn.copy.categories, [...new Set(catalog.map((p) => p.category))].sort());
    return;
  }
  const stock = new Map((await turn.deps.store.listStock()).map((s) => [s.sku, s.available]));
  const items = catalog.filter((p) => p.category === category).sort((a, b) => a.name.localeCompare(b.name))
    .map((p) => ({ p, available: stock.get(p.sku) ?? 0 }));
  turn.say(`${turn.copy.category(category, items)}\nWhat would you like?`);
}

export async function greetBack(turn: Turn): Promise<void> {
  const { lines, total } = await turn.cart();
  const parts = [turn.copy.welcomeBack(turn.customer.name ?? 'there')];
  if (lines.length) {
    parts.push(turn.copy.cartStillThere(lines.length, total));
    turn.say(parts.join(' '), [OPTION.checkout, OPTION.cart, OPTION.browse]);
  } else {
    parts.push(turn.copy.menu);
    turn.say(parts.join(' '), [OPTION.browse, OPTION.help]);
  }
}
