// Store settings (owner only): name and contact, opening hours per weekday, closures, the same-day cut-off,
// the time zone, delivery fee and minimum order, what "the usual" proposes, and the FAQ answers. Saved with the version it was read at:
// a save over someone else's newer change is refused, and the page says so.

import { $, esc, notice, reasonOf, request } from './lib.js';
import { collectSlots, slotAction, slotsSection } from './settings-slots.js';

const DAYS = [['mon', 'Monday'], ['tue', 'Tuesday'], ['wed', 'Wednesday'], ['thu', 'Thursday'], ['fri', 'Friday'], ['sat', 'Saturday'], ['sun', 'Sunday']];
/** The settings as last read or saved; `draft` what the page shows (changed by add/remove before saving). */
let saved;
let draft;

const errorSpan = (path) => `<span class="field-error" data-error-for="${esc(path)}" role="alert"></span>`;
const input = (path, value, label, attrs = '') =>
  `<input data-path="${esc(path)}" value="${esc(value ?? '')}" aria-label="${esc(label)}" ${attrs}>${errorSpan(path)}`;

function dayRow([day, name]) {
  const windows = draft.hours[day];
  const cells = windows.length
    ? windows.map((w, i) => `<span class="window">${input(`hours.${day}.${i}.open`, w.open, `${name} opens`, 'size="5" placeholder="08:00" inputmode="numeric"')}–${input(`hours.${day}.${i}.close`, w.close, `${name} closes`, 'size="5" placeholder="21:00" inputmode="numeric"')}`
      + `<button type="button" class="link" data-act="removeWindow" data-day="${day}" data-index="${i}" aria-label="Remove these hours of ${esc(name)}">remove</button></span>`).join(' ')
    : '<span class="muted">Closed</span>';
  return `<tr data-day="${day}"><th scope="row">${esc(name)}</th><td>${cells}${errorSpan(`hours.${day}`)}</td>`
    + `<td class="actions"><button type="button" class="secondary" data-act="addWindow" data-day="${day}" aria-label="Add opening hours on ${esc(name)}">Add hours</button>`
    + (windows.length ? `<button type="button" class="secondary" data-act="closeDay" data-day="${day}" aria-label="Closed all day on ${esc(name)}">Closed all day</button>` : '')
    + '</td></tr>';
}

function closureRow(c, i) {
  return `<tr><td>${input(`closures.${i}.date`, c.date, `Closed on (date ${i + 1})`, 'type="date"')}</td>`
    + `<td>${input(`closures.${i}.note`, c.note, `Why closed on date ${i + 1}`, 'size="24" placeholder="Christmas Day"')}</td>`
    + `<td><button type="button" class="secondary" data-act="removeClosure" data-index="${i}" aria-label="Remove closure ${i + 1}">Remove</button></td></tr>`;
}

function faqRow(e, i) {
  return `<tr><td>${input(`faq.${i}.topic`, e.topic, `FAQ topic ${i + 1}`, 'size="12"')}</td>`
    + `<td><textarea data-path="faq.${i}.answer" rows="3" aria-label="Answer to FAQ topic ${i + 1}">${esc(e.answer)}</textarea>${errorSpan(`faq.${i}.answer`)}`
    // What customers hear when they ask about hours: written by hand, it does not follow the table above.
    + (e.topic === 'hours' && !String(e.answer).includes('{hours}')
      ? '<p class="muted" data-hint="hours">This answer does not follow the opening hours above: write {hours} where they should go.</p>' : '')
    + '</td>'
    + `<td><button type="button" class="secondary" data-act="removeFaq" data-index="${i}" aria-label="Remove FAQ topic ${i + 1}">Remove</button></td></tr>`;
}

/** What "the usual" proposes to a regular customer: their last order, or what they buy most often. */
const USUAL = [['last', 'Their last order'], ['frequent', 'What they buy most often']];
function usualSection(s) {
  const options = USUAL.map(([value, label]) => `<option value="${value}"${s.usual === value ? ' selected' : ''}>${esc(label)}</option>`).join('');
  return `<section><h2>Regular customers</h2><div class="facts">
      <label for="setUsual">“The usual” proposes</label><div><select id="setUsual" data-path="usual" aria-label="“The usual” proposes">${options}</select>${errorSpan('usual')}
        <span class="muted">When a customer asks for “the usual” or “same as last time”: read back at today’s prices, added only when they say yes.</span></div>
    </div></section>`;
}

/** An amount as the owner typed it, or with its cents ("3.50") as the API gave it. */
const major = (n) => (typeof n === 'number' ? n.toFixed(2) : n);

function render() {
  const s = draft;
  $('settingsForm').innerHTML = `
    <section><h2>Store</h2><div class="facts">
      <label for="setStoreName">Store name</label><div>${input('storeName', s.storeName, 'Store name', 'id="setStoreName" size="30"')}</div>
      <label for="setContact">Contact for customers</label><div>${input('contact', s.contact, 'Contact for customers', 'id="setContact" size="30" placeholder="phone or e-mail (empty: the SMS number)"')}</div>
      <label for="setTimeZone">Time zone</label><div>${input('timeZone', s.timeZone, 'Time zone', 'id="setTimeZone" size="24" placeholder="Europe/London"')}</div>
      <label for="setDeliveryFee">Delivery fee</label><div>${input('deliveryFee', major(s.deliveryFee), 'Delivery fee', 'id="setDeliveryFee" size="7" inputmode="decimal"')}</div>
      <label for="setMinimumOrder">Minimum delivery order</label><div>${input('minimumOrder', major(s.minimumOrder), 'Minimum delivery order', 'id="setMinimumOrder" size="7" inputmode="decimal"')}</div>
      <label for="setCutoff">Same-day cut-off</label><div>${input('sameDayCutoff', s.sameDayCutoff, 'Same-day cut-off', 'id="setCutoff" size="5" placeholder="18:00 (empty: none)" inputmode="numeric"')}
        <span class="muted">Orders after it are prepared the next opening day.</span></div>
    </div></section>
    ${usualSection(s)}
    <section><h2>Opening hours</h2><p class="muted">Times as HH:MM in the store's time zone; 24:00 closes at midnight. Outside these hours the bot still takes orders and says when they will be prepared.</p>
      <div class="scroll"><table id="hoursTable" aria-label="Opening hours">${DAYS.map(dayRow).join('')}</table></div></section>
    <section><h2>Closures</h2><p class="muted">Days the store is closed whatever the weekday's hours say.</p>
      <table id="closuresTable" aria-label="Closures">${s.closures.map(closureRow).join('') || '<tr><td class="muted">No closures.</td></tr>'}</table>
      ${errorSpan('closures')}<button type="button" class="secondary" data-act="addClosure">Add a closure</button></section>
    ${slotsSection(s, { esc, input, errorSpan })}
    <section><h2>Questions and answers</h2><p class="muted">What the bot answers when asked about a topic. {storeName}, {deliveryFee}, {minimumOrder} and {hours} are filled in.</p>
      <table id="faqTable" aria-label="FAQ answers">${s.faq.map(faqRow).join('')}</table>
      ${errorSpan('faq')}<button type="button" class="secondary" data-act="addFaq">Add a question</button></section>
    <div class="toolbar"><button type="submit" id="settingsSave">Save settings</button>
      <span id="settingsInfo" class="muted" role="status">Version ${esc(s.version)}${s.updatedBy ? ` · last saved by ${esc(s.updatedBy)}` : ''}</span></div>
    <p id="settingsError" class="error" role="alert"></p>`;
}

/** The page's fields, read back into the draft (before adding or removing a row, and before saving). */
function collect() {
  const value = (path) => { const el = $('settingsForm').querySelector(`[data-path="${CSS.escape(path)}"]`); return el ? el.value.trim() : undefined; };
  const number = (path) => { const v = value(path); return v === '' || Number.isNaN(Number(v)) ? v : Number(v); };
  draft.storeName = value('storeName');
  draft.contact = value('contact') || null;
  draft.timeZone = value('timeZone');
  draft.deliveryFee = number('deliveryFee');
  draft.minimumOrder = number('minimumOrder');
  draft.sameDayCutoff = value('sameDayCutoff') || null;
  draft.usual = value('usual');
  // "8:00" is how people write eight o'clock: sent as the API's "08:00".
  const clock = (t) => (/^\d:\d\d$/.test(t || '') ? `0${t}` : t);
  for (const [day] of DAYS) draft.hours[day] = draft.hours[day].map((_, i) => ({ open: clock(value(`hours.${day}.${i}.open`)), close: clock(value(`hours.${day}.${i}.close`)) }));
  draft.closures = draft.closures.map((_, i) => ({ date: value(`closures.${i}.date`), ...(value(`closures.${i}.note`) ? { note: value(`closures.${i}.note`) } : {}) }));
  draft.faq = draft.faq.map((e, i) => ({ ...e, topic: value(`faq.${i}.topic`), answer: value(`faq.${i}.answer`) }));
  collectSlots(draft, value);
}

/** Each "path: message" of a refusal, shown beside its field (the nearest one the page has), else above Save. */
function showErrors(r) {
  const form = $('settingsForm');
  for (const el of form.querySelectorAll('.field-error')) el.textContent = '';
  const rest = [];
  for (const detail of (r.body && Array.isArray(r.body.details)) ? r.body.details : []) {
    const [path, ...words] = detail.split(': ');
    let at = path;
    let span;
    while (at && !(span = form.querySelector(`[data-error-for="${CSS.escape(at)}"]`))) at = at.includes('.') ? at.slice(0, at.lastIndexOf('.')) : '';
    if (span) span.textContent = words.join(': ') || detail; else rest.push(detail);
  }
  $('settingsError').textContent = r.body && Array.isArray(r.body.details)
    ? (rest.length ? rest.join(' — ') : 'Some settings need fixing: see the messages beside them.')
    : reasonOf(r);
}

async function save() {
  collect();
  const { updatedAt, updatedBy, ...body } = draft;
  void updatedAt; void updatedBy;
  // FAQ entries keep their keywords and example questions: the page edits topics and answers.
  body.faq = draft.faq.map(({ topic, answer, keywords, questions }) => ({ topic, answer, ...(keywords ? { keywords } : {}), ...(questions ? { questions } : {}) }));
  $('settingsSave').disabled = true;
  const r = await request('/admin/settings', { method: 'PUT', json: body });
  $('settingsSave').disabled = false;
  if (r.ok) {
    saved = r.body.settings;
    draft = structuredClone(saved);
    render();
    notice('Settings saved. The bot uses them within a few seconds.');
    return;
  }
  if (r.status === 409) {
    $('settingsError').innerHTML = `${esc(reasonOf(r).split(' — ')[0])} <button type="button" class="link" data-act="reload">Reload the settings</button>`;
    return;
  }
  showErrors(r);
}

export async function refreshSettings() {
  const r = await request('/admin/settings');
  if (!r.ok) { $('settingsForm').innerHTML = `<p class="error" role="alert">Could not load the settings: ${esc(reasonOf(r))}</p>`; return; }
  saved = r.body.settings;
  draft = structuredClone(saved);
  render();
}

export function setupSettings() {
  $('settingsForm').addEventListener('submit', (e) => { e.preventDefault(); save(); });
  $('settingsForm').addEventListener('click', (e) => {
    const act = e.target.closest('[data-act]');
    if (!act || !draft) return;
    const { day } = act.dataset;
    const index = Number(act.dataset.index);
    if (act.dataset.act === 'reload') { refreshSettings(); return; }
    collect();
    switch (act.dataset.act) {
      case 'addWindow': { const last = draft.hours[day].at(-1); draft.hours[day].push(last ? { open: last.close, close: '' } : { open: '08:00', close: '21:00' }); break; }
      case 'removeWindow': draft.hours[day].splice(index, 1); break;
      case 'closeDay': draft.hours[day] = []; break;
      case 'addClosure': draft.closures.push({ date: '' }); break;
      case 'removeClosure': draft.closures.splice(index, 1); break;
      case 'addFaq': draft.faq.push({ topic: '', answer: '' }); break;
      case 'removeFaq': draft.faq.splice(index, 1); break;
      default: if (!slotAction(act.dataset.act, act.dataset, draft)) return;
    }
    render();
  });
}
