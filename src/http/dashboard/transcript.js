// A conversation's messages as the console shows them (the inbox and the conversations page): who wrote each,
// when and on which channel; a staff message names the person who wrote it when the transcript says.

import { channelName, esc, notice, reasonOf, request, time } from './lib.js';

const WHO = new Map([['customer', 'Customer'], ['bot', 'Bot'], ['staff', 'Staff']]);

const who = (m) => (m.from === 'staff' && m.by ? `${m.by} (staff)` : WHO.get(m.from) || m.from);

/** The list items of a transcript, oldest first; a line of its own when nothing is kept. */
export function transcriptHtml(messages) {
  return messages.length
    ? messages.map((m) => `<li class="msg from-${esc(m.from)}"><span class="who">${esc(who(m))}</span>`
      + `<span class="meta">${esc(time(m.at))} · ${esc(channelName(m.channel))}</span><p>${esc(m.text)}</p></li>`).join('')
    : '<li class="muted">No messages kept for this customer yet.</li>';
}

const conversationPath = (phone) => '/admin/conversations/' + encodeURIComponent(phone);

/**
 * Loads a customer's transcript into `list` (scrolled to the newest); a refusal is shown in `error`. Nothing
 * is shown when `current()` is another customer by the time it answers (the owner opened someone else).
 */
export async function showTranscript(phone, { list, error, current }) {
  const r = await request(conversationPath(phone));
  if (phone !== current()) return;
  if (!r.ok) { error.textContent = reasonOf(r); return; }
  list.innerHTML = transcriptHtml(r.body.messages);
  list.scrollTop = list.scrollHeight;
}

/**
 * A form that writes to the open customer (`phone()`) as the staff, through the outbox's rules: the answer
 * says on which channel it went, or why it could not; `sent()` runs after it went.
 */
export function staffWriter({ form, text, send, error, phone, empty, sent }) {
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const words = text.value.trim();
    if (!words) { error.textContent = empty; return; }
    send.disabled = true;
    const r = await request(conversationPath(phone()) + '/messages', { method: 'POST', json: { text: words } });
    send.disabled = false;
    if (!r.ok) { error.textContent = reasonOf(r); return; }
    error.textContent = '';
    text.value = '';
    notice(`Sent to the customer by ${channelName(r.body.channel) || 'their last channel'}.`);
    sent();
  });
}
