// Orders board: newest first, filter by status, open one, move it. New orders arrive on the live feed.

import { onEvent } from './events.js';
import { $, amount, channelName, esc, getJson, money, reasonOf, request, time } from './lib.js';
import { changesSection, loadShelf, setupOrderChanges } from './order-changes.js';

const MOVES = [['preparing', 'Preparing'], ['dispatched', 'Dispatched'], ['delivered', 'Delivered'], ['cancelled', 'Cancel order']];
let seen = new Set();
let openId;
let firstLoad = true;

const qtyText = (l) => amount(l.qty, l.unit);

function row(o, fresh) {
  return `<tr data-order="${esc(o.id)}" class="${fresh ? 'new' : ''}">`
    + `<td><button type="button" class="link" data-open="${esc(o.id)}" aria-label="Open order ${esc(o.id)}">${esc(o.id)}</button>${fresh ? ' <span class="badge">new</span>' : ''}</td>`
    + `<td data-label="Placed">${esc(time(o.createdAt))}</td><td data-label="Customer">${esc(o.phone)}</td><td data-label="Channel">${esc(channelName(o.channel))}</td>`
    + `<td data-label="Status"><span class="status status-${esc(o.status)}">${esc(o.status)}</span></td><td class="num" data-label="Total">${esc(money(o.total))}</td></tr>`;
}

export async function refreshOrders() {
  const status = $('orderStatus').value;
  const phone = $('orderPhone').value.trim();
  const query = new URLSearchParams();
  if (status) query.set('status', status);
  if (phone) query.set('phone', phone);
  let list;
  const qs = query.toString();
  try { list = (await getJson('/admin/orders' + (qs ? '?' + qs : ''))).orders; } catch (e) {
    $('ordersInfo').textContent = 'Could not load the orders: ' + e.message;
    return;
  }
  const fresh = new Set(firstLoad ? [] : list.filter((o) => !seen.has(o.id)).map((o) => o.id));
  for (const o of list) seen.add(o.id);
  firstLoad = false;
  $('orders').classList.add('stack');
  $('orders').innerHTML = list.length
    ? '<thead><tr><th>Order</th><th>Placed</th><th>Customer</th><th>Channel</th><th>Status</th><th class="num">Total</th></tr></thead><tbody>'
      + list.map((o) => row(o, fresh.has(o.id))).join('') + '</tbody>'
    : '<tbody><tr><td>No orders' + (status || phone ? ' match' : ' yet') + '.</td></tr></tbody>';
  $('ordersInfo').textContent = `${list.length} order${list.length === 1 ? '' : 's'}`;
}

/** Lines keep the price paid: `lineTotal` is after the line's discount, shown beside it with its promotion. */
function lineRow(l) {
  const total = typeof l.lineTotal === 'number' ? l.lineTotal : Math.round(l.qty * l.unitPrice * 100) / 100;
  const off = typeof l.discount === 'number' && l.discount > 0
    ? `<br><span class="saving">−${esc(money(l.discount))}${l.promotionId ? ' · ' + esc(l.promotionId) : ''}</span>` : '';
  return `<tr><td>${esc(l.name)} <span class="muted">${esc(l.sku)}</span></td><td>${esc(qtyText(l))}</td><td class="num">${esc(money(l.unitPrice))}</td><td class="num">${esc(money(total))}${off}</td></tr>`;
}

function savings(o) {
  const cents = o.lines.reduce((n, l) => n + (typeof l.discount === 'number' ? Math.round(l.discount * 100) : 0), 0);
  return cents > 0 ? `<tr class="discount"><td colspan="3">Discounts (included above)</td><td class="num">−${esc(money(cents / 100))}</td></tr>` : '';
}

function renderDetail(o, customer, error) {
  const name = customer && customer.name ? customer.name : '';
  const el = $('orderDetail');
  el.hidden = false;
  el.innerHTML = `<h2>Order ${esc(o.id)} <span class="status status-${esc(o.status)}">${esc(o.status)}</span></h2>`
    + '<dl class="facts">'
    + `<dt>Customer</dt><dd id="orderCustomer">${esc(name)}${name ? ' · ' : ''}<a href="tel:${esc(o.phone)}">${esc(o.phone)}</a></dd>`
    + `<dt>Channel</dt><dd>${esc(channelName(o.channel))}</dd>`
    + `<dt>${o.fulfilment === 'delivery' ? 'Deliver to' : 'Fulfilment'}</dt><dd>${esc(o.address || o.fulfilment)}</dd>`
    + `<dt>Placed</dt><dd>${esc(time(o.createdAt))}</dd></dl>`
    + '<div class="scroll"><table class="lines"><thead><tr><th>Item</th><th>Qty</th><th class="num">Price</th><th class="num">Line</th></tr></thead><tbody>'
    + o.lines.map(lineRow).join('') + savings(o)
    + (o.deliveryFee ? `<tr><td colspan="3">Delivery</td><td class="num">${esc(money(o.deliveryFee))}</td></tr>` : '')
    + `<tr class="total"><td colspan="3">Total</td><td class="num">${esc(money(o.total))}</td></tr></tbody></table></div>`
    + '<div class="toolbar" role="group" aria-label="Move the order">'
    + MOVES.map(([status, label]) => `<button type="button" data-move="${status}" class="${status === 'cancelled' ? 'danger' : ''}" ${status === o.status ? 'disabled' : ''}>${label}</button>`).join('')
    + '</div>'
    + `<p id="orderError" class="error" role="alert">${esc(error || '')}</p>`
    + changesSection(o);
}

async function openOrder(id, error) {
  openId = id;
  await loadShelf();
  const r = await request('/admin/orders/' + encodeURIComponent(id));
  if (r.ok) { renderDetail(r.body.order, r.body.customer, error); return; }
  // Not found (or the detail route is missing): show what the list knows.
  const list = (await getJson('/admin/orders')).orders;
  const o = list.find((x) => x.id === id);
  if (o) renderDetail(o, undefined, error); else { $('orderDetail').hidden = false; $('orderDetail').textContent = reasonOf(r); }
}

async function move(status) {
  const r = await request('/admin/orders/' + encodeURIComponent(openId) + '/status', { method: 'POST', json: { status } });
  if (r.ok) {
    await openOrder(openId);
    $('orderError').textContent = '';
    refreshOrders();
    return;
  }
  $('orderError').textContent = reasonOf(r);
}

export function setupOrders({ isShowing }) {
  $('orderStatus').addEventListener('change', refreshOrders);
  $('orderPhone').addEventListener('change', refreshOrders);
  $('orders').addEventListener('click', (e) => {
    const id = e.target.closest('[data-open]')?.dataset.open;
    // On a phone the detail sits below the list: bring it into view.
    if (id) openOrder(id).then(() => $('orderDetail').scrollIntoView({ block: 'nearest' }));
  });
  $('orderDetail').addEventListener('click', (e) => {
    const status = e.target.closest('[data-move]')?.dataset.move;
    if (status) move(status);
  });
  setupOrderChanges({ orderId: () => openId, reopen: (id) => openOrder(id) });
  onEvent('order', (d) => {
    if (!isShowing('orders')) return;
    refreshOrders();
    if (d && d.orderId === openId) openOrder(openId);
  });
}
