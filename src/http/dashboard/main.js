// The console's entry point: signing in (a login and password, or the admin token), the pages (Overview,
// Orders, Inbox, Conversations, Products, Staff) chosen by the address's #fragment, and the live feed that keeps them current.

import { startEvents, stopEvents, onEvent } from './events.js';
import { $, amount, notice, reasonOf, request, session } from './lib.js';
import { refreshInbox, setupInbox } from './inbox.js';
import { clearOrders, refreshOrders, setupOrders } from './orders.js';
import { clearConversations, refreshConversations, setupConversations } from './conversations.js';
import { refreshOverview, setupOverview } from './overview.js';
import { refreshProducts, setupProducts } from './products.js';
import { checkSetup, refreshStaff, setupStaff } from './staff.js';
import { refreshSettings, setupSettings } from './settings.js';
import { refreshPromotions, setupPromotions } from './promotions.js';

const PAGES = new Map([
  ['overview', { el: 'board', refresh: refreshOverview }],
  ['orders', { el: 'ordersPage', refresh: refreshOrders }],
  ['inbox', { el: 'inboxPage', refresh: refreshInbox }],
  ['conversations', { el: 'conversationsPage', refresh: refreshConversations }],
  ['products', { el: 'productsPage', refresh: refreshProducts }],
  ['promotions', { el: 'promotionsPage', refresh: refreshPromotions }],
  ['staff', { el: 'staffPage', refresh: refreshStaff }],
  ['setup', { el: 'setupPage', refresh: () => {} }],
  ['settings', { el: 'settingsPage', refresh: refreshSettings }],
]);
/** Pages only an owner (or the admin token) may open; their links are hidden from staff. */
const OWNER_PAGES = new Set(['staff', 'settings']);
let current = 'overview';
let timer;

const pageFromHash = () => {
  const name = location.hash.slice(1);
  return PAGES.has(name) && (session.isOwner || !OWNER_PAGES.has(name)) ? name : 'overview';
};

function showPage(name) {
  current = name;
  for (const [key, p] of PAGES) $(p.el).hidden = key !== name;
  for (const a of document.querySelectorAll('#nav a')) {
    if (a.dataset.page === name) a.setAttribute('aria-current', 'page'); else a.removeAttribute('aria-current');
  }
  PAGES.get(name).refresh();
}

export const isShowing = (name) => session.active && current === name;

/** Who is signed in, in the header; the owner's links shown to owners only. */
function showWho(who) {
  $('who').textContent = who.kind === 'staff' ? `${who.name} · ${who.role === 'owner' ? 'owner' : 'staff'}` : 'Admin token';
  for (const a of document.querySelectorAll('#nav a')) if (OWNER_PAGES.has(a.dataset.page)) a.hidden = !session.isOwner;
}

/** Signed in: `who` is the API's word on who this is; `hash` a page to open first. */
function enter(who, hash) {
  session.signedIn(who);
  showWho(who);
  if (hash && location.hash !== hash) history.replaceState(null, '', hash);
  $('login').hidden = true; $('nav').hidden = false; $('logout').hidden = false; $('live').hidden = false; $('who').hidden = false;
  showPage(pageFromHash());
  checkSetup();
  refreshInbox({ countOnly: current !== 'inbox' });
  clearInterval(timer);
  timer = setInterval(() => { if (current === 'overview') refreshOverview(); }, 10000);
  startEvents();
}

function logout(message) {
  session.clear(); stopEvents(); clearInterval(timer);
  $('login').hidden = false; $('nav').hidden = true; $('logout').hidden = true; $('live').hidden = true; $('who').hidden = true; $('setupHint').hidden = true;
  for (const p of PAGES.values()) $(p.el).hidden = true;
  // Customers' names, phones and messages do not stay in the page after signing out.
  for (const id of ['cards', 'chart', 'lowStock', 'handoffs', 'stages', 'orders', 'orderDetail', 'inboxList', 'transcript', 'products', 'csvResult', 'promotions', 'staffList', 'settingsForm']) $(id).innerHTML = '';
  $('orderDetail').hidden = true; $('conversation').hidden = true; $('inboxCount').textContent = '';
  clearOrders(); clearConversations();
  $('loginError').textContent = message || '';
}
session.onRefused = logout;

$('signInForm').addEventListener('submit', async (e) => {
  e.preventDefault();
  session.clear();
  $('loginError').textContent = '';
  const r = await request('/admin/login', { method: 'POST', json: { login: $('signInLogin').value, password: $('signInPassword').value }, signingIn: true });
  $('signInPassword').value = '';
  if (r.ok) { enter(r.body); return; }
  $('loginError').textContent = r.status === 401 ? 'Wrong login or password.' : reasonOf(r);
});
$('tokenForm').addEventListener('submit', async (e) => {
  e.preventDefault();
  session.useToken($('token').value.trim());
  $('token').value = '';
  const r = await request('/admin/session');
  if (r.ok) enter(r.body);
});
$('logout').addEventListener('click', async () => {
  // A person's session ends on the server too; the admin token is only forgotten by this tab.
  if (session.who && session.who.kind === 'staff') await request('/admin/logout', { method: 'POST' });
  logout();
});
window.addEventListener('hashchange', () => { if (session.active) showPage(pageFromHash()); });

onEvent('open', () => { $('live').textContent = '● live'; $('live').className = 'live on'; PAGES.get(current).refresh(); });
onEvent('order', () => { if (current === 'overview') refreshOverview(); });
onEvent('down', () => { $('live').textContent = '○ reconnecting…'; $('live').className = 'live off'; });
onEvent('low_stock', async (d) => {
  const r = await request('/admin/products/' + encodeURIComponent(d.sku));
  notice(r.ok ? `Running low: ${r.body.name} — ${amount(r.body.available, r.body.unit)} left.` : `Running low: ${d.sku}.`, 'warn');
});

setupOverview();
setupOrders({ isShowing });
setupInbox({ isShowing });
setupConversations({ isShowing });
setupProducts({ isShowing });
setupStaff({ signedIn: enter });
setupSettings();
setupPromotions();

/** A reload: ask the API who this is (the token of this tab, or the cookie of an earlier sign-in). */
async function resume() {
  if (!session.token && !session.mayHaveCookie()) return;
  const r = await request('/admin/session');
  if (r.ok) enter(r.body);
}
resume();
