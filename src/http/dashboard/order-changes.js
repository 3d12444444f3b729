// Changes at picking time, on the order page: staff mark a line missing, found short, or to be substituted
// (from products on the shelf); the customer is asked on their channel, and the page shows each change and
// its answer. orders.js renders `changesSection(order)` in the detail and calls `setupOrderChanges` once.

import { $, amount, esc, getJson, money, reasonOf, request, time } from './lib.js';

const OPEN = ['placed', 'preparing'];
const STATUS = {
  pending: 'waiting for the customer',
  accepted: 'customer said yes',
  declined: 'customer said no — line removed',
  expired: 'no answer in time — line removed',
  applied: 'removed',
};
const ACTIONS = [['remove', 'Missing — take it off'], ['quantity', 'Fewer found'], ['substitute', 'Offer a substitute']];

/** Products on the shelf, for the substitute pickers (read once per opening of an order). */
let shelf = [];

function changeRow(c) {
  const what = c.action === 'remove' ? 'marked missing'
    : c.action === 'quantity' ? `only ${amount(c.offer.qty, c.offer.unit)} of ${amount(c.line.qty, c.line.unit)}`
      : `${amount(c.offer.qty, c.offer.unit)} × ${c.offer.name} instead`;
  const diff = c.offer ? c.offer.lineTotal - c.line.lineTotal : -c.line.lineTotal;
  const sign = diff > 0 ? '+' : diff < 0 ? '−' : '±';
  return `<li data-change="${esc(c.id)}" class="change-${esc(c.status)}"><strong>${esc(c.line.name)}</strong>: ${esc(what)} `
    + `<span class="muted">(${esc(sign + money(Math.abs(diff)))}) · ${esc(c.proposedBy)}, ${esc(time(c.proposedAt))}</span> `
    + `<span class="change-status">${esc(STATUS[c.status] || c.status)}</span>`
    + (c.status === 'pending' && c.expiresAt ? ` <span class="muted">until ${esc(time(c.expiresAt))}</span>` : '') + '</li>';
}

function lineForm(l) {
  return `<li data-change-line="${esc(l.sku)}"><label>${esc(l.name)} <select data-change-field="action" aria-label="Change to ${esc(l.name)}">`
    + '<option value="">No change</option>' + ACTIONS.map(([v, t]) => `<option value="${v}">${esc(t)}</option>`).join('') + '</select></label> '
    + `<label hidden data-when="quantity substitute">Qty <input data-change-field="qty" type="number" min="0" step="any" inputmode="decimal" size="5" aria-label="Quantity of ${esc(l.name)}"></label> `
    + `<label hidden data-when="substitute">Instead <select data-change-field="substituteSku" aria-label="Substitute for ${esc(l.name)}">`
    + shelf.filter((p) => p.sku !== l.sku).map((p) => `<option value="${esc(p.sku)}">${esc(p.name)} (${esc(amount(p.available, p.unit))} on the shelf)</option>`).join('')
    + '</select></label></li>';
}

/** The changes of an order, and (while it may still change and nothing awaits an answer) the form to propose more. */
export function changesSection(o) {
  const changes = o.changes || [];
  const pending = changes.some((c) => c.status === 'pending');
  const list = changes.length ? `<ul class="changes">${changes.map(changeRow).join('')}</ul>` : '';
  const form = OPEN.includes(o.status) && !pending
    ? `<ul class="change-lines">${o.lines.map(lineForm).join('')}</ul><div class="toolbar"><button type="button" data-change-act="propose">Send changes to the customer</button></div>`
    : pending ? '<p class="muted">The order cannot leave the store until the customer answers (or the time is up).</p>' : '';
  if (!list && !form) return '';
  return `<section id="orderChanges" aria-label="When an item is missing"><h3>When an item is missing</h3>${list}${form}`
    + '<p id="changeError" class="error" role="alert"></p></section>';
}

/** What the form asks for: one change per line with an action chosen. */
function proposed() {
  return [...document.querySelectorAll('[data-change-line]')].flatMap((li) => {
    const field = (name) => li.querySelector(`[data-change-field="${name}"]`);
    const action = field('action').value;
    if (!action) return [];
    const change = { sku: li.dataset.changeLine, action };
    const qty = field('qty').value.trim();
    if (action !== 'remove' && qty !== '') change.qty = Number(qty);
    if (action === 'substitute') change.substituteSku = field('substituteSku').value;
    return [change];
  });
}

/** Shows the fields an action needs. */
function showFields(select) {
  const li = select.closest('[data-change-line]');
  for (const label of li.querySelectorAll('[data-when]')) label.hidden = !label.dataset.when.split(' ').includes(select.value);
}

/** Reads the products on the shelf before an order is shown (the substitute pickers list them). */
export async function loadShelf() {
  try { shelf = (await getJson('/admin/products')).products.filter((p) => p.active !== false && p.available > 0); } catch { shelf = []; }
}

/** `orderId()`: the order open now; `reopen(id)`: shows it again after a change. */
export function setupOrderChanges({ orderId, reopen }) {
  $('orderDetail').addEventListener('change', (e) => {
    if (e.target.matches('[data-change-field="action"]')) showFields(e.target);
  });
  $('orderDetail').addEventListener('click', async (e) => {
    if (!e.target.closest('[data-change-act="propose"]')) return;
    const changes = proposed();
    if (!changes.length) { $('changeError').textContent = 'Choose a change for at least one line.'; return; }
    const r = await request('/admin/orders/' + encodeURIComponent(orderId()) + '/changes', { method: 'POST', json: { changes } });
    if (!r.ok) { $('changeError').textContent = reasonOf(r); return; }
    await reopen(orderId());
  });
}
