// Customers waiting for a sold-out product: "3 waiting" beside it on the products page (each is told once,
// when the product is restocked), from GET /admin/stock-wishes.

import { esc, request } from './lib.js';

const waiting = new Map();

/** Reads the counts again (after a load of the page, or a restock that told those waiting). */
export async function loadWaiting() {
  const r = await request('/admin/stock-wishes');
  waiting.clear();
  if (r.ok) for (const w of r.body.waiting) waiting.set(w.sku, w.customers);
}

/**
 * The badge of a sold-out product customers wait for; nothing for one no one waits for, or one back on the
 * shelf (those waiting are being told it is back).
 */
export function waitingBadge(p) {
  const n = waiting.get(p.sku);
  if (!n || p.available > 0) return '';
  const who = n === 1 ? 'One customer asked' : `${n} customers asked`;
  return ` <span class="badge wait" data-waiting="${esc(n)}" title="${esc(`${who} to be told when it is back; each hears once, when you restock it`)}">${esc(n)} waiting</span>`;
}
