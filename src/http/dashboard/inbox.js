// The human inbox: customers waiting for a person, live; their transcript; answer them; hand them back.

import { onEvent } from './events.js';
import { $, esc, getJson, notice, reasonOf, request, time } from './lib.js';
import { showTranscript, staffWriter } from './transcript.js';

let openPhone;
let waiting = [];

const lastText = (m) => (typeof m === 'string' ? m : m && typeof m.text === 'string' ? m.text : '');

function renderList() {
  $('inboxCount').textContent = waiting.length ? String(waiting.length) : '';
  $('inboxList').innerHTML = waiting.length
    ? waiting.map((h) => `<li data-phone="${esc(h.phone)}" class="${h.phone === openPhone ? 'open' : ''}">`
      + `<button type="button" class="link" data-open="${esc(h.phone)}">${esc(h.name || h.phone)}</button>`
      + `${h.name ? ` <span class="muted">${esc(h.phone)}</span>` : ''}`
      + (h.unread ? ` <span class="count unread" title="messages since staff last answered">${esc(String(h.unread))} unread</span>` : '')
      + `<br><span class="muted">waiting since ${esc(time(h.since))}</span>`
      + (lastText(h.lastMessage) ? `<p class="last">${esc(lastText(h.lastMessage))}</p>` : '') + '</li>').join('')
    : '<li class="muted">Nobody is waiting.</li>';
}

export async function refreshInbox({ countOnly = false } = {}) {
  try { waiting = (await getJson('/admin/handoffs')).handoffs; } catch (e) {
    if (!countOnly) $('inboxList').innerHTML = `<li class="error">Could not load: ${esc(e.message)}</li>`;
    return;
  }
  renderList();
  if (!countOnly && openPhone) loadTranscript();
}

const loadTranscript = () => showTranscript(openPhone, { list: $('transcript'), error: $('replyError'), current: () => openPhone });

function open(phone) {
  openPhone = phone;
  const h = waiting.find((x) => x.phone === phone);
  $('conversation').hidden = false;
  $('conversationTitle').textContent = h && h.name ? `${h.name} · ${phone}` : phone;
  $('replyError').textContent = '';
  renderList();
  loadTranscript();
}

export function setupInbox({ isShowing }) {
  $('inboxList').addEventListener('click', (e) => {
    const phone = e.target.closest('[data-open]')?.dataset.open;
    if (phone) open(phone);
  });
  staffWriter({
    form: $('replyForm'), text: $('replyText'), send: $('replySend'), error: $('replyError'),
    phone: () => openPhone, empty: 'Write an answer first.', sent: loadTranscript,
  });
  $('release').addEventListener('click', async () => {
    const r = await request('/admin/handoff/' + encodeURIComponent(openPhone) + '/release', { method: 'POST' });
    if (!r.ok) { $('replyError').textContent = reasonOf(r); return; }
    notice(`${openPhone} is back with the bot.`);
    openPhone = undefined;
    $('conversation').hidden = true;
    refreshInbox();
  });
  onEvent('handoff', (d) => {
    refreshInbox({ countOnly: !isShowing('inbox') });
    if (!isShowing('inbox')) notice(`${d.phone} asks for a person.`, 'warn');
  });
  onEvent('transcript', (d) => {
    if (!isShowing('inbox')) return;
    // A new message from or to someone in the list (or the open conversation): the list and transcript reload.
    if (d.phone === openPhone || waiting.some((h) => h.phone === d.phone)) refreshInbox();
  });
}
