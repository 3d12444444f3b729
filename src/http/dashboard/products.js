// Products: add one, search and filter (on sale / hidden), inline edit of price, stock received and aliases,
// an edit form for every other field, hide and show, restock, low stock highlighted, each product's audit
// trail; CSV import (dry-run preview, then apply) and export. Figures in words: on the shelf, held in carts,
// sold, received in all.

import { onEvent } from './events.js';
import { pickedTags, tagBadges, tagPicker } from './tags.js';
import { $, amount, authHeader, detailOf, esc, getJson, notice, reasonOf, request, time } from './lib.js';
import { loadWaiting, waitingBadge } from './waiting.js';

const products = new Map();
const FIELDS = ['price', 'stock', 'aliases'];
let csvText;

const aliasesOf = (p) => (Array.isArray(p.aliases) ? p.aliases : []);
const stockOf = (p) => (typeof p.stock === 'number' ? p.stock : p.available);
const rowOf = (sku) => $('products').querySelector(`tr.product[data-sku="${CSS.escape(sku)}"]`);

const unitWords = (p) => (p.unit === 'each' ? 'by the piece' : 'per ' + p.unit);

function row(p) {
  const label = (what) => esc(`${what} of ${p.name}`);
  const hidden = p.active === false;
  return `<tr data-sku="${esc(p.sku)}" class="product${p.low ? ' low' : ''}${hidden ? ' hidden-product' : ''}">`
    + `<td><strong>${esc(p.name)}</strong>${hidden ? ' <span class="badge off">hidden</span>' : ''}${p.low ? ' <span class="badge warn">low stock</span>' : ''}${waitingBadge(p)}<br><span class="muted">${esc(p.sku)} · ${esc(p.category)} · ${esc(unitWords(p))}${p.maxPerOrder ? ` · at most ${esc(amount(p.maxPerOrder, p.unit))} an order` : ''}</span>${tagBadges(p.tags)}</td>`
    + `<td data-label="Price"><input data-field="price" inputmode="decimal" size="6" value="${esc(p.price)}" aria-label="${label('Price')}"><span class="field-error" data-error-for="price" role="alert"></span></td>`
    + `<td class="num" data-label="On the shelf" data-col="available">${esc(p.available)}</td>`
    + `<td class="num" data-label="Held for customers" data-col="reserved">${esc(p.reserved ?? 0)}</td>`
    + `<td class="num" data-label="Sold" data-col="sold">${esc(p.sold ?? 0)}</td>`
    + `<td data-label="Received in all"><input data-field="stock" inputmode="decimal" size="6" value="${esc(stockOf(p))}" aria-label="${label('Received in all')}"><span class="field-error" data-error-for="stock" role="alert"></span></td>`
    + `<td data-label="Other names"><input data-field="aliases" size="14" value="${esc(aliasesOf(p).join(', '))}" aria-label="${label('Other names customers use (comma-separated)')}"><span class="field-error" data-error-for="aliases" role="alert"></span></td>`
    + '<td class="actions"><button type="button" data-act="save">Save</button>'
    + `<span class="restock"><input data-field="quantity" inputmode="decimal" size="4" placeholder="+qty" aria-label="${label('Quantity delivered')}"><button type="button" data-act="restock" class="secondary">Restock</button></span>`
    + `<button type="button" data-act="edit" class="secondary" aria-expanded="false">Edit</button>`
    + `<button type="button" data-act="toggle" class="secondary">${hidden ? 'Show' : 'Hide'}</button>`
    + '<button type="button" data-act="audit" class="secondary" aria-expanded="false">History</button>'
    + '<span class="field-error" data-error-for="quantity" role="alert"></span><span class="field-error" data-error-for="row" role="alert"></span></td></tr>';
}

const HEAD = '<thead><tr><th>Product</th><th>Price</th><th class="num">On the shelf</th><th class="num">Held for customers</th><th class="num">Sold</th><th>Received in all</th><th>Other names</th><th>Actions</th></tr></thead>';
const COLUMNS = 8;

function applySearch() {
  const q = $('productSearch').value.trim().toLowerCase();
  let shown = 0;
  for (const tr of $('products').querySelectorAll('tr.product')) {
    const p = products.get(tr.dataset.sku);
    const hay = [p.sku, p.name, p.category, ...aliasesOf(p), ...(p.tags || []).map((t) => t.replace(/-/g, ' '))].join(' ').toLowerCase();
    const show = $('productFilter').value;
    const onSale = p.active !== false;
    const hit = (!q || hay.includes(q)) && (show === 'all' || (show === 'hidden') !== onSale);
    tr.hidden = !hit;
    for (let next = tr.nextElementSibling; next && !next.classList.contains('product'); next = next.nextElementSibling) next.hidden = !hit;
    if (hit) shown++;
  }
  const low = [...products.values()].filter((p) => p.low).length;
  const hidden = [...products.values()].filter((p) => p.active === false).length;
  $('productsInfo').textContent = `${shown} of ${products.size} products${low ? ` · ${low} low on stock` : ''}${hidden ? ` · ${hidden} hidden` : ''}`;
}

export async function refreshProducts() {
  let list;
  try { list = (await getJson('/admin/products')).products; } catch (e) { $('productsInfo').textContent = 'Could not load the products: ' + e.message; return; }
  await loadWaiting();
  products.clear();
  for (const p of list) products.set(p.sku, p);
  $('products').classList.add('stack');
  $('products').innerHTML = HEAD + '<tbody>' + list.map(row).join('') + '</tbody>';
  applySearch();
}

function replaceRow(p) {
  products.set(p.sku, p);
  const tr = rowOf(p.sku);
  const audit = openUnder(p.sku, 'audit');
  const edit = openUnder(p.sku, 'edit');
  tr.outerHTML = row(p);
  if (edit) { edit.remove(); toggleEdit(rowOf(p.sku)); }
  if (audit) { audit.remove(); showAudit(rowOf(p.sku)); }
  applySearch();
}

function clearErrors(tr) { for (const e of tr.querySelectorAll('.field-error')) e.textContent = ''; }


/** Shows each of the API's sentences at the field it names, the rest where `fallbackField` or the row's errors go. */
function showErrors(box, r, fallbackField) {
  const details = r.body && Array.isArray(r.body.details) && r.body.details.length ? r.body.details : [reasonOf(r)];
  for (const detail of details) {
    const { field, text: d } = detailOf(detail);
    const slot = (field && box.querySelector(`[data-error-for="${field}"]`))
      || (r.status === 409 && fallbackField && box.querySelector(`[data-error-for="${fallbackField}"]`))
      || box.querySelector('[data-error-for="row"]');
    slot.textContent = (slot.textContent ? slot.textContent + ' ' : '') + d;
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
  await loadWaiting();
  replaceRow(r.body);
  notice(`Restocked ${r.body.name}: ${amount(r.body.available, r.body.unit)} available.`);
}

// ---- Every other field (name, category, unit, order limit), hide and show ----

/** The row of `kind` ('edit' or 'audit') open under a product's row, if any. */
const openUnder = (sku, kind) => [...$('products').querySelectorAll(`tr.${kind}`)].find((x) => x.dataset.for === sku);

/** Opens a row of `kind` under the product's row (its button says so), or closes the open one and returns nothing. */
function toggleUnder(tr, kind) {
  const sku = tr.dataset.sku;
  const button = tr.querySelector(`[data-act="${kind}"]`);
  const open = openUnder(sku, kind);
  if (open) { open.remove(); button.setAttribute('aria-expanded', 'false'); return undefined; }
  const holder = document.createElement('tr');
  holder.className = kind;
  holder.dataset.for = sku;
  tr.after(holder);
  button.setAttribute('aria-expanded', 'true');
  return holder;
}

function toggleEdit(tr) {
  const holder = toggleUnder(tr, 'edit');
  if (!holder) return;
  const p = products.get(tr.dataset.sku);
  const field = (name, text, value, extra = '') => `<label>${esc(text)}<input data-field="${name}" value="${esc(value ?? '')}" ${extra}></label><span class="field-error" data-error-for="${name}" role="alert"></span>`;
  holder.innerHTML = `<td colspan="${COLUMNS}"><div class="edit-form">`
    + field('name', 'Name', p.name, 'maxlength="80"')
    + field('category', 'Category', p.category, 'maxlength="40"')
    + field('unit', p.unit && ['kg', 'g', 'lb', 'oz'].includes(p.unit) ? 'Unit (a weight: kg, g, lb, oz)' : 'Unit (each, jar, bag, loaf…)', p.unit, 'maxlength="20" size="6"')
    + field('maxPerOrder', 'Most per order (empty: the store\'s limit)', p.maxPerOrder, 'inputmode="decimal" size="5"')
    + tagPicker(p.tags)
    + '<button type="button" data-act="saveEdit">Save changes</button><span class="field-error" data-error-for="row" role="alert"></span>'
    + '</div></td>';
  holder.querySelector('[data-field="name"]').focus();
}

async function saveEdit(holder) {
  const p = products.get(holder.dataset.for);
  const value = (f) => holder.querySelector(`[data-field="${f}"]`).value.trim();
  const body = {};
  for (const f of ['name', 'category', 'unit']) if (value(f) !== String(p[f] ?? '')) body[f] = value(f);
  const limit = value('maxPerOrder');
  if (limit === '' && p.maxPerOrder !== undefined) body.maxPerOrder = null;
  else if (limit !== '' && numberOr(limit) !== p.maxPerOrder) body.maxPerOrder = numberOr(limit);
  const tags = pickedTags(holder);
  if (tags.join('|') !== (p.tags || []).join('|')) body.tags = tags;
  clearErrors(holder);
  if (!Object.keys(body).length) { holder.querySelector('[data-error-for="row"]').textContent = 'Nothing changed.'; return; }
  const r = await request('/admin/products/' + encodeURIComponent(p.sku), { method: 'PATCH', json: body });
  if (!r.ok) { showErrors(holder, r); return; }
  holder.remove();
  replaceRow(r.body);
  notice(`Saved ${r.body.name}.`);
}

async function toggleShown(tr) {
  const p = products.get(tr.dataset.sku);
  clearErrors(tr);
  const r = await request('/admin/products/' + encodeURIComponent(p.sku), { method: 'PATCH', json: { active: p.active === false } });
  if (!r.ok) { showErrors(tr, r); return; }
  replaceRow(r.body);
  notice(r.body.active ? `${r.body.name} is on sale again.` : `${r.body.name} is hidden: customers are not offered it. Carts and orders that have it keep it.`);
}

// ---- Add a product ----

async function addProduct(e) {
  e.preventDefault();
  const form = $('addProductForm');
  const value = (f) => form.querySelector(`[data-field="${f}"]`).value.trim();
  const body = { sku: value('sku'), name: value('name'), category: value('category'), unit: value('unit'), price: numberOr(value('price')), stock: numberOr(value('stock') || '0') };
  const aliases = value('aliases').split(',').map((a) => a.trim()).filter(Boolean);
  if (aliases.length) body.aliases = aliases;
  if (value('maxPerOrder')) body.maxPerOrder = numberOr(value('maxPerOrder'));
  const tags = pickedTags(form);
  if (tags.length) body.tags = tags;
  clearErrors(form);
  const r = await request('/admin/products', { method: 'POST', json: body });
  if (!r.ok) { showErrors(form, r, 'sku'); return; }
  form.reset();
  form.hidden = true;
  $('addProduct').setAttribute('aria-expanded', 'false');
  notice(`Added ${r.body.name}: customers can order it now.`);
  await refreshProducts();
}

const who = (by) => (by.kind === 'order' ? `order ${by.orderId || ''}` : by.kind === 'staff' ? by.name : by.kind);
const figures = (o) => Object.entries(o || {}).map(([k, v]) => `${k} ${v}`).join(', ');

async function showAudit(tr) {
  const sku = tr.dataset.sku;
  const holder = toggleUnder(tr, 'audit');
  if (!holder) return;
  holder.dataset.auditFor = sku;
  holder.innerHTML = `<td colspan="${COLUMNS}">Loading the history…</td>`;
  const r = await request('/admin/audit?sku=' + encodeURIComponent(sku) + '&limit=50');
  const cell = holder.firstElementChild;
  if (!r.ok) { cell.textContent = 'Could not load the history: ' + reasonOf(r); return; }
  cell.innerHTML = r.body.entries.length
    ? '<table class="audit-table"><caption>Changes of stock, price and the product, newest first</caption><thead><tr><th>When</th><th>Who</th><th>What</th><th>Before</th><th>After</th><th>Why</th></tr></thead><tbody>'
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
  $('addProductTags').innerHTML = tagPicker();
  $('productSearch').addEventListener('input', applySearch);
  $('productFilter').addEventListener('change', applySearch);
  $('addProduct').addEventListener('click', () => {
    const form = $('addProductForm');
    form.hidden = !form.hidden;
    $('addProduct').setAttribute('aria-expanded', String(!form.hidden));
    if (!form.hidden) form.querySelector('[data-field="sku"]').focus();
  });
  $('addProductForm').addEventListener('submit', addProduct);
  $('products').addEventListener('click', (e) => {
    const act = e.target.closest('[data-act]')?.dataset.act;
    const tr = e.target.closest('tr.product');
    if (!act) return;
    if (act === 'saveEdit') { saveEdit(e.target.closest('tr.edit')); return; }
    if (!tr) return;
    if (act === 'save') save(tr); else if (act === 'restock') restock(tr); else if (act === 'edit') toggleEdit(tr); else if (act === 'toggle') toggleShown(tr); else showAudit(tr);
  });
  $('products').addEventListener('keydown', (e) => {
    if (e.key !== 'Enter' || !e.target.dataset.field) return;
    const edit = e.target.closest('tr.edit');
    if (edit) { saveEdit(edit); return; }
    const tr = e.target.closest('tr.product');
    if (!tr) return;
    if (e.target.dataset.field === 'quantity') restock(tr); else save(tr);
  });
  $('csvFile').addEventListener('change', preview);
  $('csvPreview').addEventListener('click', preview);
  $('csvApply').addEventListener('click', apply);
  $('csvDownload').addEventListener('click', download);
  onEvent('low_stock', () => { if (isShowing('products')) refreshProducts(); });
}
