import type { Order, OrderNote } from '../../domain/types';

/** Appends a staff note to a stored order (see OrderNotesPort); a copy of the order after it. */
export function addNote(orders: Map<string, Order>, id: string, note: OrderNote): Order | undefined {
  const o = orders.get(id);
  if (!o) return undefined;
  o.notes = [...(o.notes ?? []), structuredClone(note)];
  return structuredClone(o);
}
