// Overview: today's figures, the orders chart, low stock and who waits for a human (GET /admin/stats).

import { $, esc, getJson, money, request, setCurrency } from './lib.js';

function card(label, value, sub) {
  return `<div class="card" data-card="${esc(label)}"><div class="label">${esc(label)}</div><div class="value">${esc(value)}</div><div class="sub">${esc(sub || '')}</div></div>`;
}

function chart(perDay) {
  const w = 720, h = 160, pad = 20, max = Math.max(1, ...perDay.map((d) => d.orders));
  const bw = (w - pad * 2) / perDay.length;
  const bars = perDay.map((d, i) => {
    const bh = Math.round((d.orders / max) * (h - 40));
    const x = pad + i * bw;
    return `<g><rect class="bar" data-day="${esc(d.day)}" data-orders="${Number(d.orders)}" x="${x + 3}" y="${h - 20 - bh}" width="${bw - 6}" height="${bh}"><title>${esc(d.day)}: ${Number(d.orders)} orders, ${esc(money(d.revenue))}</title></rect>`
      + `<text x="${x + bw / 2}" y="${h - 6}" text-anchor="middle">${esc(d.day.slice(5))}</text>`
      + (d.orders ? `<text x="${x + bw / 2}" y="${h - 24 - bh}" text-anchor="middle">${Number(d.orders)}</text>` : '') + '</g>';
  }).join('');
  return `<svg viewBox="0 0 ${w} ${h}" width="100%" role="img" aria-label="Orders per day">${bars}</svg>`;
}

function render(s) {
  setCurrency(s.currency);
  $('cards').innerHTML = [
    card('Active conversations', s.conversations.active),
    card('Customers', s.customers.total, `${s.customers.newToday} new today`),
    card('Orders today', s.orders.today.count, money(s.orders.today.revenue)),
    card('Orders, 7 days', s.orders.last7Days.count, money(s.orders.last7Days.revenue)),
    card('Average order', money(s.averageOrderValue), 'last 7 days'),
    card('Conversion', Math.round(s.conversion.rate * 100) + '%', `${s.conversion.withOrder} of ${s.conversion.conversations} conversations ordered`),
    card('Active holds', s.activeHolds),
    card('Waiting for a human', s.handoffs.length),
    card('Errors', s.errors, 'since this process started'),
  ].join('');
  $('chart').innerHTML = chart(s.orders.perDay);
  $('lowStock').innerHTML = s.lowStock.length
    ? '<tr><th>Product</th><th>SKU</th><th>Available</th></tr>' + s.lowStock.map((p) => `<tr data-sku="${esc(p.sku)}"><td>${esc(p.name)}</td><td>${esc(p.sku)}</td><td>${esc(p.available)} ${esc(p.unit)}</td></tr>`).join('')
    : '<tr><td>Everything is well stocked.</td></tr>';
  $('handoffs').innerHTML = s.handoffs.length
    ? s.handoffs.map((h) => `<tr data-phone="${esc(h.phone)}"><td>${esc(h.phone)}</td><td>since ${esc(new Date(h.since).toLocaleTimeString())}</td><td><button type="button" data-release="${esc(h.phone)}">Hand back to bot</button></td></tr>`).join('')
    : '<tr><td>Nobody is waiting.</td></tr>';
  const stages = Object.entries(s.conversations.byStage).map(([k, v]) => `${esc(k)}: ${esc(v)}`).join(' · ') || 'no active conversations';
  const channels = Object.entries(s.messagesPerChannel.last7Days).map(([k, v]) => `${esc(k)}: ${esc(v)}`).join(' · ') || 'no messages yet';
  $('stages').innerHTML = `<p>${stages}</p><p>${channels}</p>`;
  $('updated').textContent = 'Updated ' + new Date(s.generatedAt).toLocaleTimeString();
}

export async function refreshOverview() {
  try { render(await getJson('/admin/stats')); } catch (e) { $('updated').textContent = 'Could not refresh: ' + e.message; }
}

export function setupOverview() {
  $('handoffs').addEventListener('click', async (e) => {
    const phone = e.target.dataset && e.target.dataset.release;
    if (!phone) return;
    await request('/admin/handoff/' + encodeURIComponent(phone) + '/release', { method: 'POST' });
    refreshOverview();
  });
}
