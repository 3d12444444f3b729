import { formatMoney, toDisplayUnits } from '../domain/money';
import type { Order } from '../domain/types';
import { label } from '../orders/flow';
import { authorName } from './order-json';
import { slotWords } from '../engine/copy';

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ENTITIES[c]!);

export interface SlipInput {
  storeName: string;
  order: Order;
  customerName?: string;
  currency: string;
  locale: string;
}

/** A line's amount as the packer reads it: "3", "1.5 kg", "2 × jar". */
function amount(unit: string, qty: number): string {
  const n = toDisplayUnits(unit, qty);
  return unit === 'each' ? String(n) : ['kg', 'g', 'lb', 'oz'].includes(unit) ? `${n} ${unit}` : `${n} × ${unit}`;
}

/**
 * The packing slip of one order: a whole HTML page with its own stylesheet (/assets/slip.css, which has the
 * print layout) and no script, so it renders under the site's Content-Security-Policy and prints as it shows.
 */
export function slipHtml(s: SlipInput): string {
  const o = s.order;
  const money = (cents: number) => formatMoney(cents, s.currency, s.locale);
  const subtotal = o.lines.reduce((n, l) => n + l.lineTotalCents, 0);
  const saved = o.lines.reduce((n, l) => n + (l.discountCents ?? 0), 0);
  const lines = o.lines.map((l) => `<tr><td class="tick"><span class="box" role="img" aria-label="not yet packed"></span></td>`
    + `<td class="qty">${esc(amount(l.unit, l.qty))}</td><td>${esc(l.name)} <span class="sku">${esc(l.sku)}</span></td>`
    + `<td class="num">${esc(money(l.lineTotalCents))}</td></tr>`).join('');
  const notes = o.notes?.length
    ? `<section class="notes"><h2>Notes</h2><ul>${o.notes.map((n) => `<li>${esc(n.text)} <span class="by">— ${esc(authorName(n.by))}, ${esc(new Date(n.at).toISOString().slice(0, 16).replace('T', ' '))} UTC</span></li>`).join('')}</ul></section>`
    : '';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Packing slip ${esc(o.id)} — ${esc(s.storeName)}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/assets/slip.css">
</head>
<body class="slip">
<header>
  <p class="store">${esc(s.storeName)}</p>
  <h1>Packing slip <span class="order-id">${esc(o.id)}</span></h1>
  <p class="placed">Placed ${esc(new Date(o.createdAt).toISOString().slice(0, 16).replace('T', ' '))} UTC · ${esc(label(o.status, o.fulfilment).toLowerCase())}</p>
</header>
<dl class="who">
  <dt>Customer</dt><dd class="customer">${esc(s.customerName ?? '')}${s.customerName ? ' · ' : ''}${esc(o.phone)}</dd>
  <dt>${o.fulfilment === 'delivery' ? 'Deliver to' : 'Fulfilment'}</dt><dd class="fulfilment">${o.fulfilment === 'delivery' ? esc(o.address ?? 'delivery (no address given)') : 'Pickup at the store'}</dd>
${o.slot ? `<dt>${o.fulfilment === 'delivery' ? 'Deliver' : 'Collected'}</dt><dd class="slot">${esc(slotWords(o.slot))}</dd>
` : ''}</dl>
<table class="lines">
<thead><tr><th class="tick">Packed</th><th class="qty">Qty</th><th>Item</th><th class="num">Price</th></tr></thead>
<tbody>${lines}</tbody>
<tfoot>
<tr><td colspan="3">Items</td><td class="num">${esc(money(subtotal))}</td></tr>
${saved > 0 ? `<tr><td colspan="3">Discounts (included above)</td><td class="num">−${esc(money(saved))}</td></tr>` : ''}
${o.deliveryFeeCents ? `<tr><td colspan="3">Delivery</td><td class="num">${esc(money(o.deliveryFeeCents))}</td></tr>` : ''}
<tr class="total"><td colspan="3">Total</td><td class="num">${esc(money(o.totalCents))}</td></tr>
</tfoot>
</table>
${notes}
</body>
</html>
`;
}
