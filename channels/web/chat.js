const $ = (id) => document.getElementById(id);
let phone = '';

async function call(path, body) {
  const res = await fetch(path, {
    method: 'POST', credentials: 'same-origin',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body || {}),
  });
  const data = res.status === 204 ? {} : await res.json().catch(() => ({}));
  return { status: res.status, ok: res.ok, data };
}

function explain(data) {
  return (data.error || 'Something went wrong.') + (data.details ? ': ' + data.details.join('; ') : '');
}

function show(view) {
  $('verify').hidden = view !== 'verify';
  $('unavailable').hidden = view !== 'unavailable';
  $('log').hidden = view !== 'chat';
  $('form').hidden = view !== 'chat';
  $('who').hidden = view !== 'chat';
}

function askPhone(message) {
  stopWatching();
  show('verify');
  $('phoneForm').hidden = false;
  $('codeForm').hidden = true;
  $('verifyError').textContent = message || '';
  $('phone').focus();
}

function startChat(verified) {
  phone = verified;
  $('me').textContent = verified;
  $('log').innerHTML = '';
  show('chat');
  $('text').focus();
  resume();
}

// Where the customer was (the messages so far, the cart, the open question's buttons), then the store's news.
async function resume() {
  const generation = ++poll.generation;
  clearTimeout(poll.timer);
  let until = '';
  try {
    const res = await fetch('/chat/history', { credentials: 'same-origin' });
    if (res.status === 401) { askPhone('Please confirm your phone number again.'); return; }
    if (res.ok) {
      const history = await res.json();
      if (generation !== poll.generation) return;
      showHistory(history);
      until = history.until;
    }
  } catch (e) { /* offline for a moment: the chat starts empty and the updates catch up */ }
  if (generation === poll.generation) watch(until);
}

function showHistory(h) {
  h.messages.forEach(addKept);
  if (h.cart.lines.length) {
    const money = (cents) => new Intl.NumberFormat(h.cart.locale, { style: 'currency', currency: h.cart.currency }).format(cents / 100);
    const items = h.cart.lines.map((l) => ({ label: l.label + ' — ' + money(l.lineTotalCents) + (l.discountCents ? ' (you save ' + money(l.discountCents) + ')' : '') }));
    addReply({ text: '', list: { intro: 'Your cart:', items, outro: 'Total: ' + money(h.cart.totalCents) } });
  }
  if (!h.asking) return;
  // The question was asked where these messages do not reach (another channel, or long ago): ask it again.
  if (h.asking.text && !h.messages.some((m) => m.from === 'bot' && m.text === h.asking.text)) add('bot', h.asking.text);
  options(h.asking.options);
}

// What the store sends unasked (order updates, notices, staff answers) arrives through a poll: `until` is the
// server's mark of what was seen. Slower while the tab is hidden; what it misses then comes on the next tick.
const POLL_MS = 3000;
const HIDDEN_POLL_MS = 15000;
let poll = { timer: 0, generation: 0, kick: () => undefined };
// Answers to the customer's own messages: a poll that started before one came back must not put back the old buttons.
let exchanges = 0;
let sending = 0;
function watch(since) {
  clearTimeout(poll.timer);
  const generation = ++poll.generation;
  let until = since || '';
  let asking = false;
  const tick = async () => {
    if (generation !== poll.generation || !phone || asking) return;
    clearTimeout(poll.timer);
    asking = true;
    let wait = document.hidden ? HIDDEN_POLL_MS : POLL_MS;
    const seen = exchanges;
    try {
      const res = await fetch('/chat/updates' + (until ? '?after=' + encodeURIComponent(until) : ''), { credentials: 'same-origin' });
      if (res.status === 401 && generation === poll.generation) { asking = false; askPhone('Please confirm your phone number again.'); return; }
      if (res.status === 429) wait = Math.max(wait, 1000 * (Number(res.headers.get('Retry-After')) || 10));
      if (res.ok && generation === poll.generation) {
        const data = await res.json();
        (data.messages || []).forEach(addKept);
        // The open question's buttons move below the news (or go, when the news closed it).
        if (data.asking !== undefined && seen === exchanges && !sending) options(data.asking ? data.asking.options : []);
        until = data.until || until;
      }
    } catch (e) { /* offline for a moment: the next tick asks again */ }
    asking = false;
    if (generation === poll.generation) poll.timer = setTimeout(tick, wait);
  };
  poll.kick = tick;
  tick();
}
function stopWatching() {
  poll.generation += 1;
  clearTimeout(poll.timer);
}
// Back to the tab: ask at once rather than at the end of the slow wait.
document.addEventListener('visibilitychange', () => { if (!document.hidden) poll.kick(); });

function add(cls, text) {
  const div = document.createElement('div');
  div.className = 'msg ' + cls;
  div.textContent = text;
  $('log').appendChild(div);
  $('log').scrollTop = $('log').scrollHeight;
}

// A kept message (history, news): the customer's, the bot's or the staff's, shown as it was when it came.
function addKept(m) {
  if (m.from === 'customer') add('me', m.text);
  else addReply(m, m.from === 'staff' ? 'staff' : 'bot');
}

// A reply that reads out a list shows it as one: its intro, the items, its closing words (text only, never HTML).
function addReply(reply, cls) {
  if (!reply.list) { add(cls || 'bot', reply.text); return; }
  const div = document.createElement('div');
  div.className = 'msg ' + (cls || 'bot');
  const para = (text) => { const p = document.createElement('p'); p.textContent = text; div.appendChild(p); };
  if (reply.list.intro) para(reply.list.intro);
  const ul = document.createElement('ul');
  reply.list.items.forEach((item) => {
    const li = document.createElement('li');
    li.textContent = item.label;
    ul.appendChild(li);
  });
  div.appendChild(ul);
  if (reply.list.outro) para(reply.list.outro);
  $('log').appendChild(div);
  $('log').scrollTop = $('log').scrollHeight;
}

// A button sends the option's id; its label is what the customer sees they said (and the transcript keeps).
function options(list) {
  document.querySelectorAll('.options').forEach((o) => o.remove());
  if (!list || !list.length) return;
  const box = document.createElement('div');
  box.className = 'options';
  list.forEach((option) => {
    const b = document.createElement('button');
    b.type = 'button';
    b.textContent = option.label;
    b.addEventListener('click', () => send(option.label, option.id));
    box.appendChild(b);
  });
  $('log').appendChild(box);
  $('log').scrollTop = $('log').scrollHeight;
}

let queue = Promise.resolve();
function send(text, option) {
  if (!text.trim()) return;
  add('me', text);
  const body = { text, messageId: crypto.randomUUID() };
  if (option) body.option = option;
  sending += 1;
  queue = queue.then(async () => {
    try {
      const r = await call('/chat/messages', body);
      if (r.status === 401) { askPhone('Please confirm your phone number again.'); return; }
      if (!r.ok) { add('error', explain(r.data)); return; }
      r.data.replies.forEach((reply) => addReply(reply));
      options(r.data.replies.length ? r.data.replies[r.data.replies.length - 1].options : []);
    } catch (e) { add('error', 'Could not reach the store: ' + e.message); }
    finally { sending -= 1; exchanges += 1; }
  });
}

$('phoneForm').addEventListener('submit', async (e) => {
  e.preventDefault();
  $('verifyError').textContent = '';
  const typed = $('phone').value.trim();
  try {
    const r = await call('/chat/verify', { phone: typed });
    if (r.status === 503 && /unavailable/.test(r.data.error || '')) { show('unavailable'); return; }
    if (!r.ok) { $('verifyError').textContent = explain(r.data); return; }
    $('codeFor').textContent = typed;
    $('phoneForm').hidden = true;
    $('codeForm').hidden = false;
    $('code').value = '';
    $('code').focus();
  } catch (err) { $('verifyError').textContent = 'Could not reach the store: ' + err.message; }
});

$('codeForm').addEventListener('submit', async (e) => {
  e.preventDefault();
  $('verifyError').textContent = '';
  try {
    const r = await call('/chat/verify/check', { phone: $('phone').value.trim(), code: $('code').value.trim() });
    if (r.ok) { startChat(r.data.phone); return; }
    $('verifyError').textContent = explain(r.data);
    // No tries left, expired, or no code: back to the number (still filled in) to ask for a new code.
    if (r.status === 429 || (r.status === 401 && !r.data.attemptsLeft)) { $('phoneForm').hidden = false; $('codeForm').hidden = true; }
  } catch (err) { $('verifyError').textContent = 'Could not reach the store: ' + err.message; }
});

$('otherNumber').addEventListener('click', () => askPhone());

$('logout').addEventListener('click', async () => {
  await call('/chat/logout').catch(() => undefined);
  phone = '';
  askPhone();
});

$('form').addEventListener('submit', (e) => { e.preventDefault(); send($('text').value); $('text').value = ''; });

(async () => {
  try {
    const res = await fetch('/chat/session', { credentials: 'same-origin' });
    const s = await res.json();
    $('devNote').hidden = s.codes !== 'console';
    if (s.phone) startChat(s.phone);
    else if (s.codes === 'unavailable') show('unavailable');
    else askPhone();
  } catch (err) {
    askPhone('Could not reach the store: ' + err.message);
  }
})();
