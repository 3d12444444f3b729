// Orders board: newest first, filtered by status, delivery or pickup and a search; open one to move it (moves
// it cannot make are disabled, with the reason), add notes, print its packing slip, or cancel it (after a
// confirmation). New orders arrive on the live feed.

import { onEvent } from './events.js';
import { $, amount, channelName, esc, getJson, money, reasonOf, request, time } from './lib.js';
import { changesSection, loadShelf, setupOrderChanges } from './order-changes.js';

const STATUS = new Map([['placed', 'placed'], ['preparing', 'preparing'], ['ready', 'ready for collection'], ['dispatched', 'dispatched'], ['delivered', 'delivered'], ['cancelled', 'cancelled']]);
let seen = new Set();
let openId;
let openOrderData;
let firstLoad = true;
let searchTimer;

const qtyText = (l) => amount(l.qty, l.unit);
/** A status as the owner says it: a pickup order is collected, not delivered. */
const statusText = (o) => (o.status === 'delivered' && o.fulfilment === 'pickup' ? 'collected' : STATUS.get(o.status) || o.status);
const statusBadge = (o) => `<span class="status status-${esc(o.status)}">${esc(statusText(o))}</span>`;
const fulfilmentText = (o) => (o.fulfilment === 'pickup' ? 'Pickup' : 'Delivery');
/** "Tue 8 Dec, 9:00–12:00": the slot the customer chose (the store's own date and times, as they were said). */
const slotText = (slot) => {
  const day = new Date(`${slot.date}T00:00:00Z`);
  const date = day.toLocaleDateString('en-GB', { weekday: 'short', day: 'numeric', month: 'short', timeZone: 'UTC' }).replace(',', '');
  const clock = (t) => t.replace(/^0(\d)/, '$1');
  return `${date}, ${clock(slot.from)}–${clock(slot.to)}`;
};

function row(o, fresh) {
  return `<tr data-order="${esc(o.id)}" class="${fresh ? 'new' : ''}">`
    + `<td><button type="button" class="link" data-open="${esc(o.id)}" aria-label="Open order ${esc(o.id)}">${esc(o.id)}</button>${fresh ? ' <span class="badge">new</span>' : ''}</td>`
    + `<td data-label="Placed">${esc(time(o.createdAt))}</td>`
    + `<td data-label="Customer">${o.name ? esc(o.name) + '<br>' : ''}<span class="muted">${esc(o.phone)}</span></td>`
    + `<td data-label="Delivery or pickup"><span class="fulfilment fulfilment-${esc(o.fulfilment)}">${esc(fulfilmentText(o))}</span>${o.slot ? `<br><span class="slot muted">${esc(slotText(o.slot))}</span>` : ''}</td>`
    + `<td data-label="Channel">${esc(channelName(o.channel))}</td>`
    + `<td data-label="Status">${statusBadge(o)}</td><td class="num" data-label="Total">${esc(money(o.total))}</td></tr>`;
}

export async function refreshOrders() {
  const status = $('orderStatus').value;
  const fulfilment = $('orderFulfilment').value;
  const q = $('orderSearch').value.trim();
  const query = new URLSearchParams();
  if (status) query.set('status', status);
  if (fulfilment) query.set('fulfilment', fulfilment);
  if (q) query.set('q', q);
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
    ? '<thead><tr><th>Order</th><th>Placed</th><th>Customer</th><th>Delivery or pickup</th><th>Channel</th><th>Status</th><th class="num">Total</th></tr></thead><tbody>'
      + list.map((o) => row(o, fresh.has(o.id))).join('') + '</tbody>'
    : '<tbody><tr><td>No orders' + (status || fulfilment || q ? ' match' : ' yet') + '.</td></tr></tbody>';
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

/** The order's moves: each a button, disabled with its reason beside it when it cannot be made now. */
function movesHtml(o, moves) {
  const buttons = moves.map((m, i) => `<button type="button" data-move="${esc(m.status)}" class="${m.status === 'cancelled' ? 'danger' : ''}"`
    + `${m.allowed ? '' : ` disabled aria-describedby="moveWhy${i}"`}>${esc(m.label)}</button>`).join('');
  // The current status's own button needs no reason listed: the badge says where the order stands.
  const reasons = [...new Set(moves.filter((m) => !m.allowed && m.reason && m.status !== o.status).map((m) => m.reason))];
  const why = moves.map((m, i) => (m.allowed || !m.reason ? '' : `<span id="moveWhy${i}" hidden>${esc(m.reason)}</span>`)).join('');
  return `<div class="toolbar" role="group" aria-label="Move the order">${buttons}</div>${why}`
    + (reasons.length ? `<ul class="why muted" id="moveReasons">${reasons.map((r) => `<li>${esc(r)}</li>`).join('')}</ul>` : '');
}

function notesHtml(o) {
  const notes = o.notes || [];
  return '<h3>Notes <span class="muted">(for the store only; the customer never sees them)</span></h3>'
    + `<ul id="orderNotes" class="notes">${notes.length ? notes.map((n) => `<li>${esc(n.text)} <span class="muted">— ${esc(n.by)}, ${esc(time(n.at))}</span></li>`).join('') : '<li class="muted">No notes yet.</li>'}</ul>`
    + '<form id="noteForm" class="toolbar"><label for="noteText">Add a note</label>'
    + '<input id="noteText" maxlength="500" size="40" placeholder="e.g. collecting after 6 pm"><button id="noteAdd">Add note</button></form>'
    + '<p id="noteError" class="error" role="alert"></p>';
}

function renderDetail(o, customer, moves, error) {
  openOrderData = o;
  const name = customer && customer.name ? customer.name : '';
  const el = $('orderDetail');
  el.hidden = false;
  el.innerHTML = `<h2>Order ${esc(o.id)} ${statusBadge(o)}</h2>`
    + '<dl class="facts">'
    + `<dt>Customer</dt><dd id="orderCustomer">${esc(name)}${name ? ' · ' : ''}<a href="tel:${esc(o.phone)}">${esc(o.phone)}</a></dd>`
    + `<dt>Channel</dt><dd>${esc(channelName(o.channel))}</dd>`
    + `<dt>${o.fulfilment === 'delivery' ? 'Deliver to' : 'Fulfilment'}</dt><dd>${o.fulfilment === 'delivery' ? esc(o.address || 'delivery') : 'Pickup at the store'}</dd>`
    + (o.slot ? `<dt>When</dt><dd id="orderSlot">${esc(slotText(o.slot))}</dd>` : '')
    + `<dt>Placed</dt><dd>${esc(time(o.createdAt))}</dd></dl>`
    + '<div class="scroll"><table class="lines"><thead><tr><th>Item</th><th>Qty</th><th class="num">Price</th><th class="num">Line</th></tr></thead><tbody>'
    + o.lines.map(lineRow).join('') + savings(o)
    + (o.deliveryFee ? `<tr><td colspan="3">Delivery</td><td class="num">${esc(money(o.deliveryFee))}</td></tr>` : '')
    + `<tr class="total"><td colspan="3">Total</td><td class="num">${esc(money(o.total))}</td></tr></tbody></table></div>`
    + movesHtml(o, moves || [])
    + `<p id="orderError" class="error" role="alert">${esc(error || '')}</p>`
    + changesSection(o)
    + '<div class="toolbar"><button type="button" id="slipOpen" class="secondary">Print slip</button></div>'
    + notesHtml(o);
}

async function openOrder(id, error) {
  openId = id;
  await loadShelf();
  const r = await request('/admin/orders/' + encodeURIComponent(id));
  if (r.ok) { renderDetail(r.body.order, r.body.customer, r.body.moves, error); return; }
  $('orderDetail').hidden = false;
  $('orderDetail').textContent = reasonOf(r);
}

async function move(status) {
  const r = await request('/admin/orders/' + encodeURIComponent(openId) + '/status', { method: 'POST', json: { status } });
  if (r.ok) {
    await openOrder(openId);
    refreshOrders();
    return;
  }
  await openOrder(openId, reasonOf(r));
}

/** "Cancel order" asks first, in a dialog of the page; only "Yes, cancel the order" cancels. */
function confirmCancel() {
  const o = openOrderData;
  $('cancelText').textContent = `Order ${o.id} (${money(o.total)}) will be cancelled, its items go back on the shelf, and the customer is told.`;
  $('cancelDialog').returnValue = '';
  $('cancelDialog').showModal();
}

/**
 * The packing slip: fetched with the console's credentials (a plain link cannot send the admin token) and
 * shown in a frame of this page, from which it prints; the slip is a page of its own with a print stylesheet.
 */
async function openSlip() {
  const id = openId;
  const r = await request('/admin/orders/' + encodeURIComponent(id) + '/slip');
  if (!r.ok) { $('orderError').textContent = reasonOf(r); return; }
  $('slipTitle').textContent = id;
  $('slipFrame').srcdoc = r.body;
  $('slipView').hidden = false;
  $('slipView').scrollIntoView({ block: 'nearest' });
}

async function addNote() {
  const text = $('noteText').value.trim();
  if (!text) { $('noteError').textContent = 'Write the note first.'; return; }
  const r = await request('/admin/orders/' + encodeURIComponent(openId) + '/notes', { method: 'POST', json: { text } });
  if (!r.ok) { $('noteError').textContent = reasonOf(r); return; }
  await openOrder(openId);
}

/** Clears what the page shows of customers (on logging out). */
export function clearOrders() {
  $('slipFrame').srcdoc = ''; $('slipView').hidden = true; openOrderData = undefined;
}

export function setupOrders({ isShowing }) {
  $('orderStatus').addEventListener('change', refreshOrders);
  $('orderFulfilment').addEventListener('change', refreshOrders);
  $('orderSearch').addEventListener('input', () => { clearTimeout(searchTimer); searchTimer = setTimeout(refreshOrders, 250); });
  $('orderSearch').addEventListener('change', refreshOrders);
  $('orders').addEventListener('click', (e) => {
    const id = e.target.closest('[data-open]')?.dataset.open;
    // On a phone the detail sits below the list: bring it into view.
    if (id) openOrder(id).then(() => $('orderDetail').scrollIntoView({ block: 'nearest' }));
  });
  $('orderDetail').addEventListener('click', (e) => {
    const button = e.target.closest('[data-move]');
    if (button && !button.disabled) {
      if (button.dataset.move === 'cancelled') confirmCancel(); else move(button.dataset.move);
    }
    if (e.target.closest('#slipOpen')) openSlip();
  });
  $('orderDetail').addEventListener('submit', (e) => {
    if (e.target.id !== 'noteForm') return;
    e.preventDefault();
    addNote();
  });
  $('cancelDialog').addEventListener('close', () => { if ($('cancelDialog').returnValue === 'confirm') move('cancelled'); });
  $('slipPrint').addEventListener('click', () => $('slipFrame').contentWindow.print());
  $('slipClose').addEventListener('click', () => { $('slipView').hidden = true; $('slipFrame').srcdoc = ''; });
  setupOrderChanges({ orderId: () => openId, reopen: (id) => openOrder(id) });
  onEvent('order', (d) => {
    if (!isShowing('orders')) return;
    refreshOrders();
    if (d && d.orderId === openId) openOrder(openId);
  });
}
