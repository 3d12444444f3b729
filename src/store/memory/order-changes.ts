import type { ChangeStatus, Order, OrderChange } from '../../domain/types';
import type { OrderChangesPort, OrderContent, ProposalGuard } from '../store';

const isPending = (c: OrderChange) => c.status === 'pending';
/** Whether a change of the order awaits its customer's answer. */
export const awaitsAnswer = (o: Order): boolean => (o.changes ?? []).some(isPending);

/**
 * Order changes in memory, on the MemoryStore's own order records: each method checks and writes in one
 * synchronous step, so it is atomic with respect to every other.
 */
export class MemoryOrderChanges implements OrderChangesPort {
  constructor(private orders: Map<string, Order>, private ofPhone: (phone: string) => Iterable<string>) {}

  async proposeChanges(id: string, guard: ProposalGuard, changes: OrderChange[], content: OrderContent | undefined, at: number) {
    const o = this.orders.get(id);
    if (!o || !guard.from.includes(o.status) || (o.changes?.length ?? 0) !== guard.seen || awaitsAnswer(o)) return undefined;
    o.changes = [...(o.changes ?? []), ...structuredClone(changes)];
    if (content) Object.assign(o, structuredClone(content));
    o.updatedAt = at;
    return structuredClone(o);
  }

  async settleChanges(id: string, from: Order['status'][], ids: string[], to: ChangeStatus, content: OrderContent, at: number) {
    const o = this.orders.get(id);
    if (!o || !from.includes(o.status) || !ids.length) return undefined;
    const settling = (o.changes ?? []).filter((c) => ids.includes(c.id));
    if (settling.length !== ids.length || !settling.every(isPending)) return undefined;
    for (const c of settling) { c.status = to; c.settledAt = at; }
    Object.assign(o, structuredClone(content));
    o.updatedAt = at;
    return structuredClone(o);
  }

  async listAwaitingAnswer(f: { phone?: string; dueBy?: number }) {
    const ids = f.phone !== undefined ? this.ofPhone(f.phone) : this.orders.keys();
    const due = (c: OrderChange) => isPending(c) && (f.dueBy === undefined || (c.expiresAt ?? Infinity) <= f.dueBy);
    return [...ids].map((id) => this.orders.get(id)!)
      .filter((o) => (o.changes ?? []).some(due))
      .sort((a, b) => a.createdAt - b.createdAt)
      .map((o) => structuredClone(o));
  }
}
