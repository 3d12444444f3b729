// Every conversation: searched by name or phone, a page at a time, customers waiting for a person on top.
// Open one to read the whole transcript and write to the customer (through the outbox's rules).

import { onEvent } from './events.js';
import { $, channelName, esc, getJson, time } from './lib.js';
import { showTranscript, staffWriter } from './transcript.js';

const PAGE_SIZE = 20;
const STAGES = new Map([['handoff', 'waiting for a person'], ['placed', 'ordered'], ['checkout_method', 'checking out'], ['checkout_address', 'checking out'],
  ['checkout_confirm', 'checking out'], ['ordering', 'shopping'], ['menu', 'browsing'], ['greeting', 'new'], ['registration_name', 'signing up'], ['registration_address', 'signing up']]);
let page = 1;
let rows = [];
let openPhone;
let searchTimer;

const who = (c) => c.name || c.phone;

function row(c) {
  const last = c.lastMessage;
  return `<li data-phone="${esc(c.phone)}" class="${c.phone === openPhone ? 'open' : ''}${c.waiting ? ' waiting' : ''}">`
    + `<button type="button" class="link" data-open="${esc(c.phone)}">${esc(who(c))}</button>`
    + (c.name ? ` <span class="muted">${esc(c.phone)}</span>` : '')
    + (c.waiting ? ' <span class="badge warn">waiting for a person</span>' : '')
    + (c.unread ? ` <span class="count unread">${esc(String(c.unread))} unread</span>` : '')
    + `<br><span class="muted">${esc(time(last ? last.at : c.lastActivityAt))}${c.channel ? ' · ' + esc(channelName(c.channel)) : ''}`
    + `${c.stage && !c.waiting ? ' · ' + esc(STAGES.get(c.stage) || c.stage) : ''}</span>`
    + (last ? `<p class="last">${last.from === 'customer' ? '' : `<span class="muted">${last.from === 'staff' ? 'Staff' : 'Bot'}:</span> `}${esc(last.text)}</p>` : '')
    + '</li>';
}

export async function refreshConversations() {
  const q = $('conversationSearch').value.trim();
  const qs = new URLSearchParams({ page: String(page), limit: String(PAGE_SIZE), ...(q ? { q } : {}) });
  let body;
  try { body = await getJson('/admin/conversations?' + qs); } catch (e) {
    $('conversationList').innerHTML = `<li class="error">Could not load: ${esc(e.message)}</li>`;
    return;
  }
  rows = body.conversations;
  $('conversationList').innerHTML = rows.length ? rows.map(row).join('') : `<li class="muted">${q ? 'Nobody matches “' + esc(q) + '”.' : 'No conversations yet.'}</li>`;
  $('conversationsNewer').disabled = page <= 1;
  $('conversationsOlder').disabled = !body.more;
  $('conversationsInfo').textContent = rows.length ? `Page ${page}` : '';
  if (openPhone) loadTranscript();
}

const loadTranscript = () => showTranscript(openPhone, { list: $('chatTranscript'), error: $('writeError'), current: () => openPhone });

function open(phone) {
  openPhone = phone;
  const c = rows.find((x) => x.phone === phone);
  $('chatPanel').hidden = false;
  $('chatTitle').textContent = c && c.name ? `${c.name} · ${phone}` : phone;
  $('writeError').textContent = '';
  for (const li of $('conversationList').querySelectorAll('li[data-phone]')) li.classList.toggle('open', li.dataset.phone === phone);
  loadTranscript();
}

/** Clears what the page shows of customers (on logging out). */
export function clearConversations() {
  openPhone = undefined; rows = []; page = 1;
  $('conversationList').innerHTML = ''; $('chatTranscript').innerHTML = ''; $('chatPanel').hidden = true; $('conversationSearch').value = '';
}

export function setupConversations({ isShowing }) {
  $('conversationList').addEventListener('click', (e) => {
    const phone = e.target.closest('[data-open]')?.dataset.open;
    if (phone) open(phone);
  });
  $('conversationSearch').addEventListener('input', () => {
    clearTimeout(searchTimer);
    searchTimer = setTimeout(() => { page = 1; refreshConversations(); }, 250);
  });
  $('conversationsNewer').addEventListener('click', () => { page = Math.max(1, page - 1); refreshConversations(); });
  $('conversationsOlder').addEventListener('click', () => { page += 1; refreshConversations(); });
  staffWriter({
    form: $('writeForm'), text: $('writeText'), send: $('writeSend'), error: $('writeError'),
    phone: () => openPhone, empty: 'Write a message first.', sent: loadTranscript,
  });
  // A message in or out of a listed (or the open) conversation, or someone asking for a person: the page follows.
  const follow = (d) => { if (isShowing('conversations') && (d.phone === openPhone || page === 1 || rows.some((c) => c.phone === d.phone))) refreshConversations(); };
  onEvent('transcript', follow);
  onEvent('handoff', follow);
}
