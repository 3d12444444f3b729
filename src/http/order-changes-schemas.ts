import { z } from 'zod';
import { toDisplayUnits } from '../domain/money';
import { CHANGE_ACTIONS, type OrderChange, type OrderLine } from '../domain/types';

// The shapes of changes at picking time, as the admin API reads and answers them (see admin-order-changes.ts).

export const orderChangesBody = z.object({
  changes: z.array(z.object({
    sku: z.string().min(1).max(80).meta({ description: 'The order line to change' }),
    action: z.enum(CHANGE_ACTIONS).meta({ description: '`remove`: the line is missing (taken off at once); `quantity`: only `qty` of it were found; `substitute`: offer `substituteSku` instead' }),
    qty: z.number().positive().max(100_000).optional()
      .meta({ description: 'In the product\'s unit as orders show it (pieces, or kg/lb for products sold by weight): what was found (`quantity`), or how much of the substitute to offer (`substitute`; default: as many as ordered)' }),
    substituteSku: z.string().min(1).max(80).optional().meta({ description: 'The product offered instead (`substitute`)' }),
  }).strict()).min(1).max(50),
}).strict();

const lineBody = z.object({ sku: z.string(), name: z.string(), unit: z.string(), qty: z.number(), lineTotal: z.number() });

export const orderChangeBody = z.object({
  id: z.string(),
  action: z.enum(CHANGE_ACTIONS),
  status: z.enum(['pending', 'accepted', 'declined', 'expired', 'applied'])
    .meta({ description: '`pending`: the customer is asked; `accepted`/`declined`: they answered; `expired`: no answer in time, the line was removed; `applied`: a removal, made at once' }),
  line: lineBody.meta({ description: 'The line as ordered' }),
  offer: lineBody.optional().meta({ description: 'What the customer is offered instead' }),
  proposedBy: z.string().meta({ description: 'Who proposed it: a staff member\'s name, or "admin" (the admin token)' }),
  proposedAt: z.string().meta({ format: 'date-time' }),
  expiresAt: z.string().meta({ format: 'date-time' }).optional(),
  settledAt: z.string().meta({ format: 'date-time' }).optional(),
});

const lineJson = (l: OrderLine) => ({ sku: l.sku, name: l.name, unit: l.unit, qty: toDisplayUnits(l.unit, l.qty), lineTotal: l.lineTotalCents / 100 });
const iso = (t: number) => new Date(t).toISOString();

export function orderChangeJson(c: OrderChange): z.infer<typeof orderChangeBody> {
  return {
    id: c.id, action: c.action, status: c.status, line: lineJson(c.line), ...(c.offer ? { offer: lineJson(c.offer) } : {}),
    proposedBy: c.proposedBy.kind === 'staff' ? c.proposedBy.name : 'admin', proposedAt: iso(c.proposedAt),
    ...(c.expiresAt !== undefined ? { expiresAt: iso(c.expiresAt) } : {}), ...(c.settledAt !== undefined ? { settledAt: iso(c.settledAt) } : {}),
  };
}
