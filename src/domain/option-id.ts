// The ids of the options the bot offers: built and read here only. Imports nothing of ours.
//
// An id comes back when its option is chosen (a button's callback data, a key press, a number, its label),
// possibly long after it was offered: a saved conversation or a Telegram button sent weeks ago. So the wire
// format never changes: `add:<sku>`, `pick:<sku>`, `place_order:<total cents>`, `browse:<category>`, `slot:<date>T<from>-<to>`, and
// plain names ('checkout', 'yes', …).

/** What an option id says. */
export type OptionId =
  /** Add one of this product (or ask how much). */
  | { kind: 'add'; sku: string }
  /** This product, answering "which one?". */
  | { kind: 'pick'; sku: string }
  /** "Yes, place it", for the total the read-back quoted. */
  | { kind: 'place_order'; cents: number }
  /** That shelf of the store. */
  | { kind: 'browse'; category: string }
  /** That delivery or pickup slot, by its key ("2026-12-08T09:00-12:00"). */
  | { kind: 'slot'; key: string }
  /** A fixed choice: 'checkout', 'cart', 'yes', 'no', 'browse', … */
  | { kind: 'plain'; name: string };

/** The ids, built. */
export const optionId = {
  add: (sku: string) => `add:${sku}`,
  pick: (sku: string) => `pick:${sku}`,
  placeOrder: (cents: number) => `place_order:${cents}`,
  browse: (category: string) => `browse:${category}`,
  slot: (key: string) => `slot:${key}`,
  plain: (name: string) => name,
} as const;

/** Plain names are words of letters and underscores ('change_address'); anything else is not an id of ours. */
const PLAIN = /^[a-z_]+$/;

/** What an id says; undefined when it is none of ours (a made-up id, an unknown prefix, an empty argument). */
export function parseOptionId(id: string): OptionId | undefined {
  const colon = id.indexOf(':');
  if (colon < 0) return PLAIN.test(id) ? { kind: 'plain', name: id } : undefined;
  const prefix = id.slice(0, colon);
  const arg = id.slice(colon + 1);
  if (!arg) return undefined;
  switch (prefix) {
    case 'add': return { kind: 'add', sku: arg };
    case 'pick': return { kind: 'pick', sku: arg };
    case 'browse': return { kind: 'browse', category: arg };
    case 'slot': return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}-\d{2}:\d{2}$/.test(arg) ? { kind: 'slot', key: arg } : undefined;
    case 'place_order': return /^\d+$/.test(arg) ? { kind: 'place_order', cents: Number(arg) } : undefined;
    default: return undefined;
  }
}

/** The product an id picks, answering "which one?"; undefined for any other id. */
export function pickedSku(id: string): string | undefined {
  const parsed = parseOptionId(id);
  return parsed?.kind === 'pick' ? parsed.sku : undefined;
}
