import { toDisplayUnits } from '../domain/money';
import type { NoteAuthor, Order } from '../domain/types';
import { orderChangeJson } from './order-changes-schemas';

const major = (cents: number) => cents / 100;
const iso = (t: number) => new Date(t).toISOString();

/** Who wrote a note, as the console names them: a person by name, the shared token as "admin". */
export const authorName = (by: NoteAuthor) => (by.kind === 'staff' ? by.name : 'admin');

/** An order as the admin API answers it: amounts in major units, quantities in the product's unit, notes named. */
export function orderJson(o: Order) {
  return {
    id: o.id,
    phone: o.phone,
    status: o.status,
    lines: o.lines.map((l) => ({ sku: l.sku, name: l.name, unit: l.unit, qty: toDisplayUnits(l.unit, l.qty), unitPrice: major(l.unitPriceCents),
      discount: major(l.discountCents ?? 0), lineTotal: major(l.lineTotalCents), ...(l.promotionId ? { promotionId: l.promotionId } : {}) })),
    deliveryFee: major(o.deliveryFeeCents),
    total: major(o.totalCents),
    fulfilment: o.fulfilment,
    ...(o.address ? { address: o.address } : {}),
    ...(o.slot ? { slot: { date: o.slot.date, from: o.slot.from, to: o.slot.to } } : {}),
    channel: o.channel,
    createdAt: iso(o.createdAt),
    updatedAt: iso(o.updatedAt),
    ...(o.changes?.length ? { changes: o.changes.map(orderChangeJson) } : {}),
    ...(o.notes?.length ? { notes: o.notes.map((n) => ({ at: iso(n.at), by: authorName(n.by), text: n.text })) } : {}),
  };
}
