// The console's entry point: login, the pages (Overview, Orders, Inbox, Products) chosen by the address's
// #fragment, and the live feed that keeps them current.

import { startEvents, stopEvents, onEvent } from './events.js';
import { $, amount, notice, request, session } from './lib.js';
import { refreshInbox, setupInbox } from './inbox.js';
import { refreshOrders, setupOrders } from './orders.js';
import { refreshOverview, setupOverview } from './overview.js';
import { refreshProducts, setupProducts } from './products.js';
import { refreshPromotions, setupPromotions } from './promotions.js';

const PAGES = new Map([
  ['overview', { el: 'board', refresh: refreshOverview }],
  ['orders', { el: 'ordersPage', refresh: refreshOrders }],
  ['inbox', { el: 'inboxPage', refresh: refreshInbox }],
  ['products', { el: 'productsPage', refresh: refreshProducts }],
  ['promotions', { el: 'promotionsPage', refresh: refreshPromotions }],
]);
let current = 'overview';
let timer;

const pageFromHash = () => { const name = location.hash.slice(1); return PAGES.has(name) ? name : 'overview'; };

function showPage(name) {
  current = name;
  for (const [key, p] of PAGES) $(p.el).hidden = key !== name;
  for (const a of document.querySelectorAll('#nav a')) {
    if (a.dataset.page === name) a.setAttribute('aria-current', 'page'); else a.removeAttribute('aria-current');
  }
  PAGES.get(name).refresh();
}

export const isShowing = (name) => !!session.token && current === name;

function enter() {
  $('login').hidden = true; $('nav').hidden = false; $('logout').hidden = false; $('live').hidden = false;
  showPage(pageFromHash());
  refreshInbox({ countOnly: current !== 'inbox' });
  clearInterval(timer);
  timer = setInterval(() => { if (current === 'overview') refreshOverview(); }, 10000);
  startEvents();
}

function logout(message) {
  session.clear(); stopEvents(); clearInterval(timer);
  $('login').hidden = false; $('nav').hidden = true; $('logout').hidden = true; $('live').hidden = true;
  for (const p of PAGES.values()) $(p.el).hidden = true;
  // Customers' names, phones and messages do not stay in the page after logging out.
  for (const id of ['cards', 'chart', 'lowStock', 'handoffs', 'stages', 'orders', 'orderDetail', 'inboxList', 'transcript', 'products', 'csvResult', 'promotions']) $(id).innerHTML = '';
  $('orderDetail').hidden = true; $('conversation').hidden = true; $('inboxCount').textContent = '';
  $('loginError').textContent = message || '';
}
session.onRefused = logout;

$('login').addEventListener('submit', async (e) => {
  e.preventDefault();
  session.set($('token').value.trim());
  const r = await request('/admin/stats');
  if (r.ok) enter();
});
$('logout').addEventListener('click', () => logout());
window.addEventListener('hashchange', () => { if (session.token) showPage(pageFromHash()); });

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
setupProducts({ isShowing });
setupPromotions();
if (session.token) enter();
