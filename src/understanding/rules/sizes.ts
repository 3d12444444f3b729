import { GRAMS_PER as GRAMS } from './numbers';

/**
 * Sizes, as stores write them in product names ("Heinz Baked Beans 415g", "Free Range Eggs x6", "Semi-Skimmed
 * Milk 2 Pints", "Coca-Cola Cans 8 x 330ml", "Andrex Toilet Tissue 9 Roll") and as customers say them ("the 4
 * pint one", "coke 2l", "12 eggs", "a 2.5kg bag"). A size is not a word of what the product is: it is kept
 * apart, as comparable keys (`g:415`, `n:6`, `ml:2000`, `pt:2`), and chooses among products of one name.
 */


const MILLILITRES = new Map<string, number>([
  ['ml', 1], ['mls', 1], ['millilitre', 1], ['millilitres', 1], ['milliliter', 1], ['milliliters', 1], ['cl', 10],
  ['l', 1000], ['ltr', 1000], ['ltrs', 1000], ['litre', 1000], ['litres', 1000], ['liter', 1000], ['liters', 1000],
]);
const PINTS = new Set(['pt', 'pts', 'pint', 'pints']);
const GALLONS = new Set(['gal', 'gals', 'gallon', 'gallons']);
/** Number words a size may be said with: "the four pack", "half gallon", "a dozen". */
const NUMBER_WORDS = new Map<string, number>([
  ['half', 0.5], ['one', 1], ['a', 1], ['full', 1], ['two', 2], ['three', 3], ['four', 4], ['five', 5], ['six', 6], ['eight', 8],
  ['ten', 10], ['twelve', 12], ['dozen', 12], ['twenty', 20], ['twentyfour', 24],
]);
/** Counts a pack holds: "6pk", "x6", "9 roll", "80 bags", "24 wash", "80s", "8 x 330ml". */
const COUNTS = new Set(['pk', 'pks', 'pack', 'packs', 'x', 'roll', 'rolls', 'bag', 'bags', 's', 'wash', 'washes', 'sheet', 'sheets',
  'can', 'cans', 'piece', 'pieces', 'pcs', 'pc', 'count', 'ct', 'tablet', 'tablets', 'tabs', 'pouch', 'pouches', 'capsule', 'capsules',
  'slice', 'slices', 'bottles', 'sachets', 'eggs', 'nappies', 'wipes', 'bars']);

const NUMBER = /^\d+(?:\.\d+)?$/;
const GLUED = /^(\d+(?:\.\d+)?)([a-z]+)$/;

/** The key of an amount and its unit, or undefined when the word is no unit of size. */
export function sizeKey(amount: number, unit: string): string | undefined {
  if (!Number.isFinite(amount) || amount <= 0) return undefined;
  const g = GRAMS.get(unit);
  if (g !== undefined) return `g:${Math.round(amount * g)}`;
  const ml = MILLILITRES.get(unit);
  if (ml !== undefined) return `ml:${Math.round(amount * ml)}`;
  if (PINTS.has(unit)) return `pt:${amount}`;
  if (GALLONS.has(unit)) return `gal:${amount}`;
  if (COUNTS.has(unit) && Number.isInteger(amount)) return `n:${amount}`;
  return undefined;
}

/** The sizes in some normalized words, and the words that are left once they are taken out. */
export function splitSizes(tokens: readonly string[]): { sizes: string[]; rest: string[] } {
  const sizes: string[] = [];
  const rest: string[] = [];
  for (let i = 0; i < tokens.length; i += 1) {
    const t = tokens[i]!;
    const glued = GLUED.exec(t);
    const key = glued ? sizeKey(Number(glued[1]), glued[2]!) : /^x\d+$/.test(t) ? `n:${t.slice(1)}` : undefined;
    if (key) { sizes.push(key); continue; }
    // "Dozen Large Eggs", "a dozen": twelve, as a pack's size.
    if (t === 'dozen' && tokens[i - 1] !== 'half') { sizes.push('n:12'); continue; }
    const worded = NUMBER_WORDS.get(t);
    if (worded !== undefined && tokens[i + 1] !== undefined && !NUMBER.test(t)) {
      const unit = tokens[i + 1] === 'dozen' ? 'n:6' : sizeKey(worded, tokens[i + 1]!);
      // Only a unit that is a size: "half gallon", "four pack", "one litre"; never "a bag" (a label, not a size).
      if (unit && (tokens[i + 1] === 'dozen' || !COUNTS.has(tokens[i + 1]!) || /^(?:pk|pack)$/.test(tokens[i + 1]!)) && !(t === 'a' && COUNTS.has(tokens[i + 1]!))) {
        sizes.push(unit);
        i += 1;
        continue;
      }
    }
    // "whole milk gallon", "the litre one": one of that measure, when no number is beside it.
    if ((GALLONS.has(t) || PINTS.has(t) || t === 'litre' || t === 'liter') && !NUMBER.test(tokens[i - 1] ?? '') && !NUMBER_WORDS.has(tokens[i - 1] ?? '')) {
      sizes.push(sizeKey(1, t)!);
      continue;
    }
    if (NUMBER.test(t)) {
      const next = tokens[i + 1];
      // "4 x 415g": four of them, each 415 g.
      if (next === 'x' && tokens[i + 2] !== undefined && /^\d/.test(tokens[i + 2]!)) { sizes.push(`n:${t}`); i += 1; continue; }
      const unit = next === undefined ? undefined : sizeKey(Number(t), next);
      if (unit) { sizes.push(unit); i += 1; continue; }
    }
    rest.push(t);
  }
  return { sizes, rest };
}

/** Words that only ever say a size when no number is beside them ("the 4 pint one" loses "4" to the amount). */
const BARE_UNITS = new Set(['pt', 'pts', 'pint', 'pints', 'ml', 'litre', 'litres', 'liter', 'liters', 'ltr', 'pk', 'gal', 'gallon', 'gallons']);

export function isBareUnit(word: string): boolean {
  return BARE_UNITS.has(word);
}

/**
 * Of some products, those of every size said; the ones with no size beside those first ("Heinz Beans 415g"
 * before "Heinz Beans 4 x 415g" when 415g was said). Undefined when none has them all.
 */
export function bySize(skus: readonly string[], said: readonly string[], sizesOf: (sku: string) => ReadonlySet<string>): string[] | undefined {
  if (said.length === 0) return undefined;
  const having = skus.filter((sku) => said.every((k) => sizesOf(sku).has(k)));
  if (having.length === 0) return undefined;
  const fewest = Math.min(...having.map((sku) => sizesOf(sku).size));
  return having.filter((sku) => sizesOf(sku).size === fewest);
}
