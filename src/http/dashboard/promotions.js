// Promotions: every promotion by state (running now, scheduled, ended), added and changed through one form
// (percent off or multibuy, on a product or a whole category, with optional dates), and ended now.

import { $, detailOf, esc, notice, reasonOf, request, time } from './lib.js';

const promotions = new Map();
/** The id of the promotion the form is changing; undefined when it adds one. */
let editing;

const STATE_WORDS = { current: 'running now', scheduled: 'scheduled', ended: 'ended' };
const ORDER = { current: 0, scheduled: 1, ended: 2 };

const deal = (p) => (p.kind === 'percent' ? `${p.percent}% off` : `buy ${p.buy}, pay for ${p.pay}`);
const on = (p) => (p.sku !== undefined ? `product ${p.sku}` : `all of ${p.category}`);

function row(p) {
  return `<tr data-promotion="${esc(p.id)}" class="promotion state-row-${esc(p.state)}">`
    + `<td><strong>${esc(p.id)}</strong></td>`
    + `<td data-label="Deal">${esc(deal(p))}</td>`
    + `<td data-label="On">${esc(on(p))}</td>`
    + `<td data-label="From">${p.startsAt ? esc(time(p.startsAt)) : '<span class="muted">from the start</span>'}</td>`
    + `<td data-label="Until">${p.endsAt ? esc(time(p.endsAt)) : '<span class="muted">until ended</span>'}</td>`
    + `<td data-label="State"><span class="state state-${esc(p.state)}">${esc(STATE_WORDS[p.state] || p.state)}</span></td>`
    + '<td class="actions"><button type="button" data-act="edit" class="secondary">Edit</button>'
    + (p.state === 'ended' ? '' : '<button type="button" data-act="end" class="danger">End now</button>')
    + '<span class="field-error" data-error-for="row" role="alert"></span></td></tr>';
}

export async function refreshPromotions() {
  const r = await request('/admin/promotions');
  if (!r.ok) { $('promotionsInfo').textContent = 'Could not load the promotions: ' + reasonOf(r); return; }
  const list = [...r.body.promotions].sort((a, b) => ORDER[a.state] - ORDER[b.state]);
  promotions.clear();
  for (const p of list) promotions.set(p.id, p);
  const count = (s) => list.filter((p) => p.state === s).length;
  $('promotionsInfo').textContent = list.length
    ? `${count('current')} running now · ${count('scheduled')} scheduled · ${count('ended')} ended`
    : 'No promotions yet: add one, and customers who ask for deals hear of it.';
  $('promotions').classList.add('stack');
  $('promotions').innerHTML = list.length
    ? '<thead><tr><th>Promotion</th><th>Deal</th><th>On</th><th>From</th><th>Until</th><th>State</th><th>Actions</th></tr></thead><tbody>' + list.map(row).join('') + '</tbody>'
    : '';
}

const form = () => $('promotionForm');
const field = (name) => form().querySelector(`[data-field="${name}"]`);

/** An ISO time as a datetime-local input shows it (local time), and back. */
const toLocal = (iso) => { if (!iso) return ''; const d = new Date(iso); return new Date(d.getTime() - d.getTimezoneOffset() * 60000).toISOString().slice(0, 16); };
const fromLocal = (value) => (value ? new Date(value).toISOString() : undefined);
const wholeOr = (raw) => { const t = raw.trim(); const n = Number(t); return t !== '' && Number.isFinite(n) ? n : t; };

function showKind() {
  const kind = field('kind').value;
  for (const label of form().querySelectorAll('[data-kind]')) label.hidden = label.dataset.kind !== kind;
}

function openForm(p) {
  editing = p ? p.id : undefined;
  form().reset();
  for (const e of form().querySelectorAll('.field-error')) e.textContent = '';
  $('promotionFormTitle').textContent = p ? `Change ${p.id}` : 'Add a promotion';
  field('id').value = p ? p.id : '';
  field('id').readOnly = !!p;
  if (p) {
    field('kind').value = p.kind;
    field('on').value = p.sku !== undefined ? 'sku' : 'category';
    field('target').value = p.sku ?? p.category ?? '';
    field('percent').value = p.percent ?? '';
    field('buy').value = p.buy ?? '';
    field('pay').value = p.pay ?? '';
    field('startsAt').value = toLocal(p.startsAt);
    field('endsAt').value = toLocal(p.endsAt);
  }
  showKind();
  form().hidden = false;
  $('addPromotion').setAttribute('aria-expanded', 'true');
  (p ? field('target') : field('id')).focus();
}

function closeForm() {
  form().hidden = true;
  editing = undefined;
  $('addPromotion').setAttribute('aria-expanded', 'false');
}

/** What the form says, as the API takes it: every field, unset ones as null (cleared) when changing. */
function fromForm() {
  const kind = field('kind').value;
  const target = field('target').value.trim();
  const onSku = field('on').value === 'sku';
  const set = {
    kind,
    sku: onSku ? target : null,
    category: onSku ? null : target,
    percent: kind === 'percent' ? wholeOr(field('percent').value) : null,
    buy: kind === 'multibuy' ? wholeOr(field('buy').value) : null,
    pay: kind === 'multibuy' ? wholeOr(field('pay').value) : null,
    startsAt: fromLocal(field('startsAt').value) ?? null,
    endsAt: fromLocal(field('endsAt').value) ?? null,
  };
  if (editing) return set;
  const body = { id: field('id').value.trim() };
  for (const [k, v] of Object.entries(set)) if (v !== null && v !== '') body[k] = v;
  return body;
}

/** The form's field for a field the API names (SKU and category share one box). */
const FORM_FIELD = { sku: 'target', category: 'target' };

async function save(e) {
  e.preventDefault();
  for (const el of form().querySelectorAll('.field-error')) el.textContent = '';
  const r = editing
    ? await request('/admin/promotions/' + encodeURIComponent(editing), { method: 'PATCH', json: fromForm() })
    : await request('/admin/promotions', { method: 'POST', json: fromForm() });
  if (!r.ok) {
    const details = r.body && Array.isArray(r.body.details) && r.body.details.length ? r.body.details : [reasonOf(r)];
    for (const detail of details) {
      const { field, text: d } = detailOf(detail);
      const name = field && (FORM_FIELD[field] || field);
      const slot = (name && form().querySelector(`[data-error-for="${name}"]`)) || (r.status === 409 && form().querySelector('[data-error-for="id"]')) || form().querySelector('[data-error-for="row"]');
      slot.textContent = (slot.textContent ? slot.textContent + ' ' : '') + d;
    }
    return;
  }
  notice(editing ? `Changed ${r.body.id}.` : `Added ${r.body.id}: ${deal(r.body)} on ${on(r.body)}.`);
  closeForm();
  await refreshPromotions();
}

async function end(tr) {
  const id = tr.dataset.promotion;
  const r = await request('/admin/promotions/' + encodeURIComponent(id) + '/end', { method: 'POST' });
  if (!r.ok) { tr.querySelector('[data-error-for="row"]').textContent = reasonOf(r); return; }
  notice(r.body.removed ? `${id} had not started: it is removed.` : `${id} has ended: prices are back to normal.`);
  await refreshPromotions();
}

export function setupPromotions() {
  $('addPromotion').addEventListener('click', () => { if (form().hidden || editing) openForm(); else closeForm(); });
  $('promotionCancel').addEventListener('click', closeForm);
  field('kind').addEventListener('change', showKind);
  form().addEventListener('submit', save);
  $('promotions').addEventListener('click', (e) => {
    const act = e.target.closest('[data-act]')?.dataset.act;
    const tr = e.target.closest('tr.promotion');
    if (!act || !tr) return;
    if (act === 'edit') openForm(promotions.get(tr.dataset.promotion)); else end(tr);
  });
}
