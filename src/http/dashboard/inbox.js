// The human inbox: customers waiting for a person, live; their transcript; answer them; hand them back.

import { onEvent } from './events.js';
import { $, channelName, esc, getJson, notice, reasonOf, request, time } from './lib.js';

const WHO = new Map([['customer', 'Customer'], ['bot', 'Bot'], ['staff', 'Staff']]);
/** Who wrote a message: a staff message names the person who sent it from the console (`by`), when it was one. */
const authorOf = (m) => (m.from === 'staff' && m.by ? `${m.by} (staff)` : WHO.get(m.from) || m.from);
let openPhone;
let waiting = [];

const lastText = (m) => (typeof m === 'string' ? m : m && typeof m.text === 'string' ? m.text : '');
const path = (phone) => '/admin/conversations/' + encodeURIComponent(phone);

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

async function loadTranscript() {
  const phone = openPhone;
  const r = await request(path(phone));
  if (phone !== openPhone) return;
  if (!r.ok) { $('replyError').textContent = reasonOf(r); return; }
  const list = $('transcript');
  list.innerHTML = r.body.messages.length
    ? r.body.messages.map((m) => `<li class="msg from-${esc(m.from)}"><span class="who">${esc(authorOf(m))}</span>`
      + `<span class="meta">${esc(time(m.at))} · ${esc(channelName(m.channel))}</span><p>${esc(m.text)}</p></li>`).join('')
    : '<li class="muted">No messages kept for this customer yet.</li>';
  list.scrollTop = list.scrollHeight;
}

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
  $('replyForm').addEventListener('submit', async (e) => {
    e.preventDefault();
    const text = $('replyText').value.trim();
    if (!text) { $('replyError').textContent = 'Write an answer first.'; return; }
    $('replySend').disabled = true;
    const r = await request(path(openPhone) + '/messages', { method: 'POST', json: { text } });
    $('replySend').disabled = false;
    if (!r.ok) { $('replyError').textContent = reasonOf(r); return; }
    $('replyError').textContent = '';
    $('replyText').value = '';
    notice(`Sent to the customer by ${channelName(r.body.channel) || 'their last channel'}.`);
    loadTranscript();
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
