// The console's live feed: GET /admin/events (Server-Sent Events) read with fetch and a stream reader, as
// EventSource cannot send the bearer token (a signed-in person's cookie goes with it either way). It reconnects
// with a growing pause when the stream ends.

import { authHeader, refusal, session } from './lib.js';

const listeners = new Map();
let controller;
let retryTimer;
let pause = 1000;
const MAX_PAUSE = 30000;

/** Calls `fn(data)` for every event of that name; `open` is emitted on each (re)connection. */
export function onEvent(name, fn) {
  if (!listeners.has(name)) listeners.set(name, []);
  listeners.get(name).push(fn);
}

function emit(name, data) {
  for (const fn of listeners.get(name) || []) {
    try { fn(data); } catch (e) { console.warn('console event handler failed', e); }
  }
}

/** One SSE block: `event:` and `data:` lines; comments (`: ping`) carry nothing. */
function dispatch(block) {
  let name = 'message';
  const data = [];
  for (const line of block.split('\n')) {
    if (line.startsWith('event:')) name = line.slice(6).trim();
    else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
  }
  if (!data.length) return;
  let parsed;
  try { parsed = JSON.parse(data.join('\n')); } catch { return; }
  emit(name, parsed);
}

async function connect() {
  clearTimeout(retryTimer);
  controller = new AbortController();
  const mine = controller;
  try {
    const res = await fetch('/admin/events', { headers: { ...authHeader(), Accept: 'text/event-stream' }, credentials: 'same-origin', signal: mine.signal });
    if (res.status === 401) { session.onRefused(refusal()); return; }
    if (!res.ok || !res.body) throw new Error('HTTP ' + res.status);
    pause = 1000;
    emit('open', {});
    const reader = res.body.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += decoder.decode(value, { stream: true }).replace(/\r\n?/g, '\n');
      let end;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        dispatch(buffer.slice(0, end));
        buffer = buffer.slice(end + 2);
      }
    }
  } catch { /* dropped or refused: try again below */ }
  if (mine.signal.aborted || controller !== mine) return;
  emit('down', {});
  retryTimer = setTimeout(connect, pause);
  pause = Math.min(pause * 2, MAX_PAUSE);
}

export function startEvents() { stopEvents(); pause = 1000; connect(); }

export function stopEvents() {
  clearTimeout(retryTimer);
  if (controller) { const c = controller; controller = undefined; c.abort(); }
}
