// Products: search, inline edit of price, stock and aliases, restock, low stock highlighted, each product's
// audit trail; CSV import (dry-run preview, then apply) and export.

import { onEvent } from './events.js';
import { $, amount, authHeader, esc, getJson, notice, reasonOf, request, time } from './lib.js';

const products = new Map();
const FIELDS = ['price', 'stock', 'aliases'];
let csvText;

const aliasesOf = (p) => (Array.isArray(p.aliases) ? p.aliases : []);
const stockOf = (p) => (typeof p.stock === 'number' ? p.stock : p.available);
const rowOf = (sku) => $('products').querySelector(`tr.product[data-sku="${CSS.escape(sku)}"]`);

function row(p) {
  const label = (what) => esc(`${what} of ${p.name}`);
  return `<tr data-sku="${esc(p.sku)}" class="product${p.low ? ' low' : ''}">`
    + `<td><strong>${esc(p.name)}</strong>${p.low ? ' <span class="badge warn">low stock</span>' : ''}<br><span class="muted">${esc(p.sku)} · ${esc(p.category)} · ${p.unit === 'each' ? 'by the piece' : 'per ' + esc(p.unit)}</span></td>`
    + `<td data-label="Price"><input data-field="price" inputmode="decimal" size="6" value="${esc(p.price)}" aria-label="${label('Price')}"><span class="field-error" data-error-for="price" role="alert"></span></td>`
    + `<td data-label="Stock"><input data-field="stock" inputmode="decimal" size="6" value="${esc(stockOf(p))}" aria-label="${label('Stock')}"><span class="field-error" data-error-for="stock" role="alert"></span></td>`
    + `<td class="num" data-label="Available" data-col="available">${esc(p.available)}${typeof p.reserved === 'number' ? `<br><span class="muted">${esc(p.reserved)} held · ${esc(p.sold)} sold</span>` : ''}</td>`
    + `<td data-label="Aliases"><input data-field="aliases" size="14" value="${esc(aliasesOf(p).join(', '))}" aria-label="${label('Aliases (comma-separated)')}"><span class="field-error" data-error-for="aliases" role="alert"></span></td>`
    + '<td class="actions"><button type="button" data-act="save">Save</button>'
    + `<span class="restock"><input data-field="quantity" inputmode="decimal" size="4" placeholder="+qty" aria-label="${label('Quantity to restock')}"><button type="button" data-act="restock" class="secondary">Restock</button></span>`
    + '<button type="button" data-act="audit" class="secondary" aria-expanded="false">History</button>'
    + '<span class="field-error" data-error-for="quantity" role="alert"></span><span class="field-error" data-error-for="row" role="alert"></span></td></tr>';
}

const HEAD = '<thead><tr><th>Product</th><th>Price</th><th>Stock</th><th class="num">Available</th><th>Aliases</th><th>Actions</th></tr></thead>';

function applySearch() {
  const q = $('productSearch').value.trim().toLowerCase();
  let shown = 0;
  for (const tr of $('products').querySelectorAll('tr.product')) {
    const p = products.get(tr.dataset.sku);
    const hay = [p.sku, p.name, p.category, ...aliasesOf(p)].join(' ').toLowerCase();
    const hit = !q || hay.includes(q);
    tr.hidden = !hit;
    const audit = tr.nextElementSibling;
    if (audit && audit.classList.contains('audit')) audit.hidden = !hit;
    if (hit) shown++;
  }
  const low = [...products.values()].filter((p) => p.low).length;
  $('productsInfo').textContent = `${shown} of ${products.size} products${low ? ` · ${low} low on stock` : ''}`;
}

export async function refreshProducts() {
  let list;
  try { list = (await getJson('/admin/products')).products; } catch (e) { $('productsInfo').textContent = 'Could not load the products: ' + e.message; return; }
  products.clear();
  for (const p of list) products.set(p.sku, p);
  $('products').classList.add('stack');
  $('products').innerHTML = HEAD + '<tbody>' + list.map(row).join('') + '</tbody>';
  applySearch();
}

function replaceRow(p) {
  products.set(p.sku, p);
  const tr = rowOf(p.sku);
  const audit = tr.nextElementSibling && tr.nextElementSibling.classList.contains('audit') ? tr.nextElementSibling : undefined;
  tr.outerHTML = row(p);
  if (audit) { audit.remove(); showAudit(rowOf(p.sku)); }
}

function clearErrors(tr) { for (const e of tr.querySelectorAll('.field-error')) e.textContent = ''; }

/** Shows each of the API's complaints at the field it names ("price: …"), the rest at the row. */
function showErrors(tr, r, fallbackField) {
  const details = r.body && Array.isArray(r.body.details) && r.body.details.length ? r.body.details : [reasonOf(r)];
  for (const d of details) {
    const m = /^(price|stock|aliases|quantity)\b[^:]*:\s*(.*)$/.exec(d);
    const field = m ? m[1] : r.status === 409 && fallbackField ? fallbackField : 'row';
    const slot = tr.querySelector(`[data-error-for="${field}"]`);
    slot.textContent = (slot.textContent ? slot.textContent + ' ' : '') + (m ? `${m[1]}: ${m[2]}` : d);
  }
}

const numberOr = (raw) => { const t = raw.trim(); const n = Number(t); return t !== '' && Number.isFinite(n) ? n : t; };

async function save(tr) {
  const p = products.get(tr.dataset.sku);
  const value = (f) => tr.querySelector(`[data-field="${f}"]`).value;
  const body = {};
  const price = numberOr(value('price'));
  if (price !== p.price) body.price = price;
  const stock = numberOr(value('stock'));
  if (stock !== stockOf(p)) body.stock = stock;
  const aliases = value('aliases').split(',').map((a) => a.trim()).filter(Boolean);
  if (aliases.join('|') !== aliasesOf(p).join('|')) body.aliases = aliases;
  clearErrors(tr);
  if (!Object.keys(body).length) { tr.querySelector('[data-error-for="row"]').textContent = 'Nothing changed.'; return; }
  const r = await request('/admin/products/' + encodeURIComponent(p.sku), { method: 'PATCH', json: body });
  if (!r.ok) { showErrors(tr, r, 'stock'); return; }
  replaceRow(r.body);
  notice(`Saved ${r.body.name}.`);
}

async function restock(tr) {
  const sku = tr.dataset.sku;
  const quantity = numberOr(tr.querySelector('[data-field="quantity"]').value);
  clearErrors(tr);
  const r = await request('/admin/products/' + encodeURIComponent(sku) + '/restock', { method: 'POST', json: { quantity } });
  if (!r.ok) { showErrors(tr, r, 'quantity'); return; }
  replaceRow(r.body);
  notice(`Restocked ${r.body.name}: ${amount(r.body.available, r.body.unit)} available.`);
}

const who = (by) => (by.kind === 'order' ? `order ${by.orderId || ''}` : by.kind === 'staff' ? by.name : by.kind);
const figures = (o) => Object.entries(o || {}).map(([k, v]) => `${k} ${v}`).join(', ');

async function showAudit(tr) {
  const sku = tr.dataset.sku;
  const next = tr.nextElementSibling;
  const button = tr.querySelector('[data-act="audit"]');
  if (next && next.classList.contains('audit')) { next.remove(); button.setAttribute('aria-expanded', 'false'); return; }
  const holder = document.createElement('tr');
  holder.className = 'audit';
  holder.dataset.auditFor = sku;
  holder.innerHTML = '<td colspan="6">Loading the history…</td>';
  tr.after(holder);
  button.setAttribute('aria-expanded', 'true');
  const r = await request('/admin/audit?sku=' + encodeURIComponent(sku) + '&limit=50');
  const cell = holder.firstElementChild;
  if (!r.ok) { cell.textContent = 'Could not load the history: ' + reasonOf(r); return; }
  cell.innerHTML = r.body.entries.length
    ? '<table class="audit-table"><caption>Changes of stock and price, newest first</caption><thead><tr><th>When</th><th>Who</th><th>What</th><th>Before</th><th>After</th><th>Why</th></tr></thead><tbody>'
      + r.body.entries.map((e) => `<tr><td>${esc(time(e.at))}</td><td>${esc(who(e.by))}</td><td>${esc(e.what)}</td><td>${esc(figures(e.before))}</td><td>${esc(figures(e.after))}</td><td>${esc(e.reason)}</td></tr>`).join('')
      + '</tbody></table>'
    : 'No changes recorded yet.';
}

// ---- CSV import and export ----

function renderPreview(r) {
  const out = $('csvResult');
  if (r.status === 400) {
    $('csvApply').disabled = true;
    const details = Array.isArray(r.body.details) ? r.body.details : [];
    out.innerHTML = `<p class="error" role="alert">${esc(r.body.error || 'The file was refused')}: nothing will be saved. Fix these and choose the file again.</p>`
      + `<ul id="csvErrors" class="errors">${details.map((d) => `<li>${esc(d)}</li>`).join('')}</ul>`;
    return;
  }
  if (!r.ok) { $('csvApply').disabled = true; out.innerHTML = `<p class="error" role="alert">${esc(reasonOf(r))}</p>`; return; }
  const changes = r.body.changes || [];
  const count = (c) => changes.filter((x) => x.change === c).length;
  out.innerHTML = `<p id="csvSummary">${count('new')} new · ${count('changed')} changed · ${count('unchanged')} unchanged. Apply to save.</p>`
    + '<div class="scroll"><table id="csvChanges"><thead><tr><th>SKU</th><th>Name</th><th>Change</th><th>Fields</th></tr></thead><tbody>'
    + changes.filter((c) => c.change !== 'unchanged').map((c) => `<tr data-sku="${esc(c.sku)}" class="change-${esc(c.change)}"><td>${esc(c.sku)}</td><td>${esc(c.name)}</td><td>${esc(c.change)}</td><td>${esc((c.fields || []).join(', '))}</td></tr>`).join('')
    + '</tbody></table></div>';
  $('csvApply').disabled = false;
}

async function preview() {
  const file = $('csvFile').files[0];
  $('csvApply').disabled = true;
  if (!file) { $('csvResult').innerHTML = '<p class="error" role="alert">Choose a CSV file first.</p>'; return; }
  csvText = await file.text();
  $('csvResult').innerHTML = '<p>Checking…</p>';
  renderPreview(await request('/admin/products?dryRun=true', { method: 'PUT', text: csvText, type: 'text/csv' }));
}

async function apply() {
  $('csvApply').disabled = true;
  const r = await request('/admin/products', { method: 'PUT', text: csvText, type: 'text/csv' });
  if (!r.ok) { renderPreview(r); return; }
  $('csvResult').innerHTML = `<p id="csvSummary" class="ok">Saved ${esc(r.body.upserted)} products.</p>`;
  $('csvFile').value = '';
  refreshProducts();
}

async function download() {
  const res = await fetch('/admin/products.csv', { headers: authHeader() });
  if (!res.ok) { notice('Could not download the catalog (HTTP ' + res.status + ').', 'warn'); return; }
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url; a.download = 'products.csv';
  document.body.append(a); a.click(); a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

export function setupProducts({ isShowing }) {
  $('productSearch').addEventListener('input', applySearch);
  $('products').addEventListener('click', (e) => {
    const act = e.target.closest('[data-act]')?.dataset.act;
    const tr = e.target.closest('tr.product');
    if (!act || !tr) return;
    if (act === 'save') save(tr); else if (act === 'restock') restock(tr); else showAudit(tr);
  });
  $('products').addEventListener('keydown', (e) => {
    if (e.key !== 'Enter' || !e.target.dataset.field) return;
    const tr = e.target.closest('tr.product');
    if (e.target.dataset.field === 'quantity') restock(tr); else save(tr);
  });
  $('csvFile').addEventListener('change', preview);
  $('csvPreview').addEventListener('click', preview);
  $('csvApply').addEventListener('click', apply);
  $('csvDownload').addEventListener('click', download);
  onEvent('low_stock', () => { if (isShowing('products')) refreshProducts(); });
}
