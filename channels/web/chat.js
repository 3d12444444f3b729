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
  watchStaff();
}

// Messages the store's staff write arrive through a poll: `until` is the server's mark of what was seen.
const POLL_MS = 3000;
let poll = { timer: 0, generation: 0 };
function watchStaff() {
  clearTimeout(poll.timer);
  const generation = ++poll.generation;
  let until = '';
  const tick = async () => {
    if (generation !== poll.generation || !phone) return;
    try {
      const res = await fetch('/chat/updates' + (until ? '?after=' + encodeURIComponent(until) : ''), { credentials: 'same-origin' });
      if (res.ok && generation === poll.generation) {
        const data = await res.json();
        (data.messages || []).forEach((m) => add('staff', m.text));
        until = data.until || until;
      }
    } catch (e) { /* offline for a moment: the next tick asks again */ }
    if (generation === poll.generation) poll.timer = setTimeout(tick, POLL_MS);
  };
  tick();
}
function stopWatching() {
  poll.generation += 1;
  clearTimeout(poll.timer);
}

function add(cls, text) {
  const div = document.createElement('div');
  div.className = 'msg ' + cls;
  div.textContent = text;
  $('log').appendChild(div);
  $('log').scrollTop = $('log').scrollHeight;
}

// A reply that reads out a list shows it as one: its intro, the items, its closing words (text only, never HTML).
function addReply(reply) {
  if (!reply.list) { add('bot', reply.text); return; }
  const div = document.createElement('div');
  div.className = 'msg bot';
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
  queue = queue.then(async () => {
    try {
      const r = await call('/chat/messages', body);
      if (r.status === 401) { askPhone('Please confirm your phone number again.'); return; }
      if (!r.ok) { add('error', explain(r.data)); return; }
      r.data.replies.forEach(addReply);
      options(r.data.replies.length ? r.data.replies[r.data.replies.length - 1].options : []);
    } catch (e) { add('error', 'Could not reach the store: ' + e.message); }
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
