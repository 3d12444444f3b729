// What every page of the console shares: who is signed in, calls to the admin API, escaping and formatting.

export const $ = (id) => document.getElementById(id);

const ENTITIES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
/** Everything the console renders from data goes through here. */
export const esc = (s) => String(s ?? '').replace(/[&<>"']/g, (c) => ENTITIES[c]);

let currency = 'USD';
export const setCurrency = (c) => { currency = c; };
export const money = (n) => new Intl.NumberFormat(undefined, { style: 'currency', currency }).format(n);
const CHANNELS = new Map([['sms', 'SMS'], ['whatsapp', 'WhatsApp'], ['telegram', 'Telegram'], ['web', 'web chat'], ['voice', 'phone call'], ['api', 'API'], ['cli', 'terminal']]);
/** A channel's name as the owner says it. */
export const channelName = (c) => CHANNELS.get(c) || String(c ?? '');
/** A quantity in a product's unit: "3", "1.5 kg", "3 × jar". */
export const amount = (n, unit) => (unit === 'each' ? String(n) : ['kg', 'g', 'lb', 'oz'].includes(unit) ? `${n} ${unit}` : `${n} × ${unit}`);
export const time = (iso) => new Date(iso).toLocaleString(undefined, { dateStyle: 'short', timeStyle: 'short' });

const KEY = 'grocer.admin';
/** Set while a person is signed in with the cookie (httpOnly: the page cannot see it), so a reload asks who. */
const SIGNED_IN = 'grocer.signedIn';
/**
 * Who uses the console: the admin token (kept for this tab), or a person signed in with a login and password
 * (the session is an httpOnly cookie the browser sends by itself; the page keeps its CSRF token for writes).
 */
export const session = {
  token: sessionStorage.getItem(KEY) || '',
  csrf: '',
  /** `{ kind: 'admin' | 'staff', name, role, login? }` once the API said who this is. */
  who: undefined,
  get active() { return !!this.who; },
  get isOwner() { return !!this.who && this.who.role === 'owner'; },
  useToken(token) { this.clear(); this.token = token; sessionStorage.setItem(KEY, token); },
  /** The API's answer to a sign-in or to GET /admin/session. */
  signedIn(who) {
    this.who = who;
    this.csrf = who.csrfToken || '';
    if (who.kind === 'staff') localStorage.setItem(SIGNED_IN, '1');
  },
  mayHaveCookie() { return localStorage.getItem(SIGNED_IN) === '1'; },
  clear() { this.token = ''; this.csrf = ''; this.who = undefined; sessionStorage.removeItem(KEY); localStorage.removeItem(SIGNED_IN); },
  /** Called when the API refuses the token or the session (main.js shows the sign-in form). */
  onRefused: () => {},
};

/** The admin token's header, when the console uses it (a signed-in person's cookie goes by itself). */
export const authHeader = () => (session.token ? { Authorization: 'Bearer ' + session.token } : {});

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * One call to the admin API: `{ status, ok, body }`, the body parsed when JSON. Expected refusals (400, 404, 409)
 * are values for the page to show; only a refused token or session ends it (unless `signingIn`: a wrong
 * password is the sign-in form's to show). Writes carry the session's CSRF token.
 */
export async function request(path, { method = 'GET', json, text, type, signingIn = false } = {}) {
  const headers = authHeader();
  if (session.csrf && WRITES.has(method)) headers['X-CSRF-Token'] = session.csrf;
  let body;
  if (json !== undefined) { headers['Content-Type'] = 'application/json'; body = JSON.stringify(json); }
  if (text !== undefined) { headers['Content-Type'] = type || 'text/plain'; body = text; }
  let res;
  try { res = await fetch(path, { method, headers, body, credentials: 'same-origin' }); } catch {
    return { status: 0, ok: false, body: { error: 'the server could not be reached; check the connection and try again' } };
  }
  const raw = await res.text();
  let parsed = raw;
  if ((res.headers.get('content-type') || '').includes('json')) { try { parsed = JSON.parse(raw); } catch { /* keep the text */ } }
  if (res.status === 401 && !signingIn) session.onRefused(refusal());
  return { status: res.status, ok: res.ok, body: parsed };
}

/** What the sign-in form says when the API stops taking the token or the session. */
export const refusal = () => (session.token ? 'That token was not accepted.' : 'Your session has ended; please sign in again.');

/** The readable reason of a refusal: the API's `error` and each of its `details`. */
export function reasonOf(r) {
  const b = r.body;
  if (b && typeof b === 'object') return [b.error, ...(Array.isArray(b.details) ? b.details : [])].filter(Boolean).join(' — ');
  return typeof b === 'string' && b ? b : `HTTP ${r.status}`;
}

/**
 * One of the API's `details` split into the field it names and its sentence: "price: Price must be a number,
 * like 2.49" → { field: 'price', path: 'price', text: 'Price must be a number, like 2.49' }. `field` is the
 * last name in the path; a detail without a path has neither.
 */
export function detailOf(detail) {
  const d = String(detail);
  const m = /^([A-Za-z0-9_.]+): (.+)$/s.exec(d);
  if (!m) return { text: d };
  const names = m[1].split('.').filter((x) => !/^\d+$/.test(x));
  return { path: m[1], field: names[names.length - 1], text: m[2][0].toUpperCase() + m[2].slice(1) };
}

/** A GET whose failure is shown where the data would be (the caller catches). */
export async function getJson(path) {
  const r = await request(path);
  if (!r.ok) throw new Error(reasonOf(r));
  return r.body;
}

/** A short message in the live region at the top of the page (screen readers announce it). */
export function notice(text, kind = 'info') {
  const box = $('notices');
  const item = document.createElement('p');
  item.className = 'notice ' + kind;
  item.textContent = text;
  box.prepend(item);
  while (box.children.length > 4) box.lastElementChild.remove();
  setTimeout(() => item.remove(), 15000);
}
