// The owner's promotions as the admin API speaks them (ISO-8601 times), parsed at the edge and checked
// against the catalog; the store keeps epoch milliseconds.
import { z } from 'zod';
import { PROMOTION_KINDS, type Promotion } from '../domain/owner';
import { describeIssues } from '../domain/schemas';
import type { Product } from '../domain/types';
import { isSoldByWeight } from '../domain/units';
import { isActive } from './pricing';

/** Ids, skus and categories are kept as typed (no trimming), so the document's limits are exactly the API's. */
const id = z.string().min(1).max(100).regex(/\S/, 'must not be blank');
const isoTime = z.iso.datetime({ offset: true }).meta({ description: 'ISO-8601 date-time with Z or an offset' });

export const promotionInput = z.object({
  id,
  kind: z.enum(PROMOTION_KINDS),
  sku: id.optional().meta({ description: 'The product it applies to (give sku or category, not both)' }),
  category: id.optional().meta({ description: 'Every product of this category' }),
  percent: z.number().int().min(1).max(99).optional().meta({ description: 'kind percent: whole percent off, 1–99' }),
  buy: z.number().int().min(2).max(1000).optional().meta({ description: 'kind multibuy: this many pieces…' }),
  pay: z.number().int().min(1).max(999).optional().meta({ description: '…for the price of this many (less than buy)' }),
  startsAt: isoTime.optional(),
  endsAt: isoTime.optional(),
}).strict().superRefine((p, ctx) => {
  const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
  if ((p.sku === undefined) === (p.category === undefined)) issue(p.sku === undefined ? 'sku' : 'category', 'give exactly one of sku or category');
  if (p.kind === 'percent') {
    if (p.percent === undefined) issue('percent', 'a percent promotion needs percent, a whole number from 1 to 99');
    if (p.buy !== undefined) issue('buy', 'buy belongs to multibuy promotions');
    if (p.pay !== undefined) issue('pay', 'pay belongs to multibuy promotions');
  } else {
    if (p.percent !== undefined) issue('percent', 'percent belongs to percent promotions');
    if (p.buy === undefined) issue('buy', 'a multibuy promotion needs buy, a whole number of at least 2');
    if (p.pay === undefined) issue('pay', 'a multibuy promotion needs pay, a whole number from 1 to buy − 1');
    else if (p.buy !== undefined && p.pay >= p.buy) issue('pay', `pay must be less than buy (${p.buy})`);
  }
  if (p.startsAt !== undefined && p.endsAt !== undefined && Date.parse(p.endsAt) <= Date.parse(p.startsAt)) issue('endsAt', 'must be after the start');
});

export const promotionsInput = z.array(promotionInput).max(500);

export const promotionJson = z.object({
  id: z.string(),
  kind: z.enum(PROMOTION_KINDS),
  sku: z.string().optional(),
  category: z.string().optional(),
  percent: z.number().int().optional(),
  buy: z.number().int().optional(),
  pay: z.number().int().optional(),
  startsAt: z.string().meta({ format: 'date-time' }).optional(),
  endsAt: z.string().meta({ format: 'date-time' }).optional(),
  active: z.boolean().meta({ description: 'Running now' }),
  state: z.enum(['current', 'scheduled', 'ended']).meta({ description: 'current: running now; scheduled: starts later; ended: its end has passed' }),
});
export const promotionsBody = z.object({ promotions: z.array(promotionJson) });

export type ParseResult = { ok: true; promotions: Promotion[] } | { ok: false; errors: string[] };

/**
 * Validates a whole set: each promotion's shape, unique ids, and that its sku or category exists (a name
 * the catalog lacks is a typing mistake, never a promotion waiting for its product). A category may be
 * typed in any case; it is kept as the catalog spells it.
 */
export function parsePromotions(body: unknown, products: ReadonlyMap<string, Product>): ParseResult {
  const parsed = promotionsInput.safeParse(body);
  if (!parsed.success) return { ok: false, errors: describeIssues(parsed.error) };
  const categories = new Map([...products.values()].map((p) => [p.category.toLowerCase(), p.category]));
  const errors: string[] = [];
  const seen = new Set<string>();
  const promotions = parsed.data.map((input, i): Promotion => {
    if (seen.has(input.id)) errors.push(`${i}.id: ${input.id} appears twice`);
    seen.add(input.id);
    const category = input.category === undefined ? undefined : categories.get(input.category.toLowerCase());
    const product = input.sku === undefined ? undefined : products.get(input.sku);
    if (input.sku !== undefined && !product) errors.push(`${i}.sku: no product has sku ${input.sku}`);
    if (product && input.kind === 'multibuy' && isSoldByWeight(product.unit)) {
      errors.push(`${i}.kind: ${input.sku} is sold by weight (${product.unit}); a multibuy counts pieces, so give it a percent promotion`);
    }
    if (input.category !== undefined && !category) errors.push(`${i}.category: no product is in a category named ${input.category}`);
    return {
      id: input.id,
      kind: input.kind,
      ...(input.sku !== undefined ? { sku: input.sku } : {}),
      ...(category ? { category } : {}),
      ...(input.percent !== undefined ? { percent: input.percent } : {}),
      ...(input.buy !== undefined ? { buy: input.buy } : {}),
      ...(input.pay !== undefined ? { pay: input.pay } : {}),
      ...(input.startsAt !== undefined ? { startsAt: Date.parse(input.startsAt) } : {}),
      ...(input.endsAt !== undefined ? { endsAt: Date.parse(input.endsAt) } : {}),
    };
  });
  return errors.length ? { ok: false, errors } : { ok: true, promotions };
}

/** A stored promotion as the API shows it. */
export function toJson(p: Promotion, now: number): z.infer<typeof promotionJson> {
  return {
    id: p.id,
    kind: p.kind,
    ...(p.sku !== undefined ? { sku: p.sku } : {}),
    ...(p.category !== undefined ? { category: p.category } : {}),
    ...(p.percent !== undefined ? { percent: p.percent } : {}),
    ...(p.buy !== undefined ? { buy: p.buy } : {}),
    ...(p.pay !== undefined ? { pay: p.pay } : {}),
    ...(p.startsAt !== undefined ? { startsAt: new Date(p.startsAt).toISOString() } : {}),
    ...(p.endsAt !== undefined ? { endsAt: new Date(p.endsAt).toISOString() } : {}),
    active: isActive(p, now),
    state: isActive(p, now) ? 'current' : p.startsAt !== undefined && now < p.startsAt ? 'scheduled' : 'ended',
  };
}

/** A change of one promotion: any of its fields but its id; null clears an optional one (sku, category, dates…). */
export const promotionEdit = z.object({
  kind: z.enum(PROMOTION_KINDS).optional(),
  sku: id.nullable().optional(),
  category: id.nullable().optional(),
  percent: z.number().int().min(1).max(99).nullable().optional(),
  buy: z.number().int().min(2).max(1000).nullable().optional(),
  pay: z.number().int().min(1).max(999).nullable().optional(),
  startsAt: isoTime.nullable().optional(),
  endsAt: isoTime.nullable().optional(),
}).strict().refine((e) => Object.keys(e).length > 0, { message: 'give at least one field to change' });

/** A stored promotion as the input the API takes (what an edit is laid over). */
export function toInput(p: Promotion): Record<string, unknown> {
  const { active, state, ...input } = toJson(p, 0);
  void active; void state;
  return input;
}

/** `edit` laid over `input`: a null clears that field. */
export function applyEdit(input: Record<string, unknown>, edit: z.infer<typeof promotionEdit>): Record<string, unknown> {
  const next = { ...input };
  for (const [key, value] of Object.entries(edit)) {
    if (value === null) delete next[key];
    else if (value !== undefined) next[key] = value;
  }
  return next;
}

/** One promotion checked alone (shape, and its sku or category against the catalog): errors name its fields only. */
export function parseOne(body: unknown, products: ReadonlyMap<string, Product>): { ok: true; promotion: Promotion } | { ok: false; errors: string[] } {
  const shape = promotionInput.safeParse(body);
  if (!shape.success) return { ok: false, errors: describeIssues(shape.error) };
  const parsed = parsePromotions([body], products);
  if (!parsed.ok) return { ok: false, errors: parsed.errors.map((e) => e.replace(/^0\./, '')) };
  return { ok: true, promotion: parsed.promotions[0]! };
}
