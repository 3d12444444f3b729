import type { AuditValue } from '../domain/owner';
import type { Product } from '../domain/types';

/** The product's own fields the audit trail records (price and stock have entries of their own). */
const FIELDS = ['name', 'category', 'unit', 'aliases', 'maxPerOrder', 'active', 'tags'] as const;

const valueOf = (p: Product, field: (typeof FIELDS)[number]): AuditValue | undefined => {
  if (field === 'aliases') return p.aliases.join(', ');
  if (field === 'active') return p.active !== false;
  if (field === 'tags') return (p.tags ?? []).join(', ');
  return p[field];
};

/**
 * What changed in a product's own fields, as an audit entry's before and after (only the fields that moved;
 * an order limit cleared is recorded as 0), and the word for it: "hidden", "shown" or "edit". Undefined when
 * nothing moved.
 */
export function productChange(before: Product, after: Product): { reason: string; before: Record<string, AuditValue>; after: Record<string, AuditValue> } | undefined {
  const b: Record<string, AuditValue> = {};
  const a: Record<string, AuditValue> = {};
  for (const field of FIELDS) {
    const x = valueOf(before, field);
    const y = valueOf(after, field);
    if (x === y) continue;
    b[field] = x ?? 0;
    a[field] = y ?? 0;
  }
  if (Object.keys(a).length === 0) return undefined;
  const onlyActive = Object.keys(a).length === 1 && 'active' in a;
  const reason = onlyActive ? (a.active ? 'shown' : 'hidden') : 'edit';
  return { reason, before: b, after: a };
}
