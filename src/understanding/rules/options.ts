import { optionId, pickedSku } from '../../domain/option-id';
import type { Intent, InterpretContext } from '../interpreter';
import { sizesSaid, type ProductMatcher } from './matcher';
import { homophone, readNumber } from './numbers';
import { normalize, stem, words } from './text';

/** Words that say "this one" before a number: "option 3", "number two", "press 3", "#2", "no. 2". */
const POINTERS = new Set(['option', 'number', 'num', 'choice', 'press', 'pick', 'choose', 'select', '#']);
const ORDINALS = new Map<string, number>([
  ['first', 1], ['1st', 1], ['second', 2], ['2nd', 2], ['third', 3], ['3rd', 3], ['fourth', 4], ['4th', 4],
  ['fifth', 5], ['5th', 5], ['sixth', 6], ['6th', 6], ['seventh', 7], ['7th', 7], ['eighth', 8], ['8th', 8],
  ['ninth', 9], ['9th', 9], ['tenth', 10], ['10th', 10],
]);
const POLITE = new Set(['please', 'thanks', 'thank', 'you', 'pls', 'one', 'the', 'then', 'ok', 'okay', 'um', 'uh', 'i', "i'll", 'ill', 'take', 'go', 'with', 'for', "let's", 'lets']);

/** A label or a message as compared: lower case, letters and digits only ("Yes, place it" = "yes place it"). */
export function labelKey(text: string): string {
  return normalize(text).replace(/[^a-z0-9]+/g, ' ').trim();
}

/**
 * The position a message points at, 1-based: "2", "#2", "2.", "number two", "option 3", "press 3", "two",
 * "the second one", "the last one". Homophones ("option for") only after a pointer word.
 */
export function pointedAt(plain: string, count: number): number | undefined {
  let tokens = words(plain.replace(/#/g, ' # '));
  const pointed = tokens.length > 1 && POINTERS.has(tokens[0]!);
  if (pointed) tokens = tokens.slice(tokens[1] === 'number' ? 2 : 1);
  while (tokens.length > 1 && POLITE.has(tokens[tokens.length - 1]!)) tokens = tokens.slice(0, -1);
  while (tokens.length > 1 && POLITE.has(tokens[0]!)) tokens = tokens.slice(1);
  if (tokens.length === 0 || tokens.length > 2) return undefined;
  if (tokens.length === 1) {
    const ordinal = ORDINALS.get(tokens[0]!);
    if (ordinal !== undefined) return ordinal;
    if (tokens[0] === 'last' && count > 0) return count;
    if (pointed) {
      const spoken = homophone(tokens[0]!);
      if (spoken !== undefined) return spoken;
    }
  }
  const n = readNumber(tokens, 0);
  if (!n || n.next !== tokens.length || !Number.isSafeInteger(n.value)) return undefined;
  return n.value;
}

/** Words around a product's name in "I'll have the rye one": none of them tells the products apart. */
const CHATTER = new Set([
  'i', "i'll", 'ill', "i'd", 'id', 'im', "i'm", 'want', 'like', 'take', 'have', 'get', 'that', 'this', 'those', 'these',
  'it', 'please', 'guess', 'think', 'go', 'with', 'for', 'prefer', 'rather', 'would', 'just', 'only', 'ok', 'okay',
  'yes', 'yeah', 'then', 'one', 'ones', 'the', 'a', 'an', 'of', 'um', 'uh', 'give', 'me', 'thanks', 'let', "let's", 'lets',
]);

/** The options on offer that pick a product (answering "which one?"), with the product each picks. */
function pickable(ctx: InterpretContext): { id: string; label: string; sku: string }[] {
  return (ctx.options ?? []).flatMap((o) => {
    const sku = pickedSku(o.id);
    return sku === undefined ? [] : [{ id: o.id, label: o.label, sku }];
  });
}

/** "the rye one", "basmati": the one offered product that a word of the answer names. */
function pickedByName(plain: string, ctx: InterpretContext, matcher: ProductMatcher): Intent | undefined {
  const offered = pickable(ctx);
  if (offered.length === 0) return undefined;
  const skus = offered.map((o) => o.sku);
  const kept = words(plain).filter((w) => !CHATTER.has(w));
  // An answer to "which one?" is a few words; a longer message is read as what it says.
  if (kept.length > 6) return undefined;
  const said = matcher.tokens(kept.join(' ')).filter((t) => /[a-z]/.test(t));
  // A whole sentence is a new request, not an answer to "which one?".
  if (said.length === 0 || said.length > 4) return undefined;
  let fits = skus;
  let unmatched = 0;
  for (const word of said) {
    const named = matcher.among(word, skus);
    if (named.length === 0) { unmatched += 1; continue; }
    fits = fits.filter((s) => named.includes(s));
  }
  if (unmatched > 1 || unmatched === said.length || fits.length !== 1) return byLabelWords(kept, offered);
  return { type: 'option', id: optionId.pick(fits[0]!) };
}

/** "fresh ears" among "Sweet Corn (ear)", "Frozen Sweet Corn", "Corn Can": the one label a word said is in. */
function byLabelWords(said: string[], offered: readonly { id: string; label: string }[]): Intent | undefined {
  const stems = said.map(stem).filter((w) => w.length > 2);
  const fits = offered.filter((o) => { const own = words(normalize(o.label)).map(stem); return stems.some((w) => own.includes(w)); });
  return fits.length === 1 ? { type: 'option', id: fits[0]!.id } : undefined;
}

/**
 * "the 4 pint one", "the box of 12", "the 2L": the one offered product of the size said. A bare number picks by
 * size only when it is no option's number ("the 12" among two options).
 */
function pickedBySize(plain: string, ctx: InterpretContext, matcher: ProductMatcher): Intent | undefined {
  const offered = pickable(ctx);
  if (offered.length === 0 || words(plain).length > 8) return undefined;
  const said = sizesSaid(plain);
  const numbers = words(plain).filter((w) => /^\d+$/.test(w)).map(Number);
  const keys = said.length ? said : numbers.filter((n) => n > offered.length).map((n) => `n:${n}`);
  if (keys.length === 0) return undefined;
  const fits = offered.filter((o) => keys.every((k) => matcher.sizesOf(o.sku).has(k)));
  return fits.length === 1 ? { type: 'option', id: fits[0]!.id } : undefined;
}

/**
 * Which option on offer a message chooses: by its label, by its number (not when the bot asked "how
 * many?": then a number is a quantity), or, answering "which one?", by a word of the product's name.
 * A number out of range is `choose`, so the engine can say which numbers there are.
 */
export function chooseOption(plain: string, ctx: InterpretContext, matcher: ProductMatcher): Intent | undefined {
  const options = ctx.options;
  if (!options || options.length === 0) return undefined;
  const key = labelKey(plain);
  if (key) {
    const byLabel = options.find((o) => labelKey(o.label) === key) ?? options.find((o) => labelKey(o.label) === key.replace(/ please$/, ''));
    if (byLabel) return { type: 'option', id: byLabel.id };
  }
  if (ctx.asking?.kind === 'choose_product') {
    const sized = pickedBySize(plain, ctx, matcher);
    if (sized) return sized;
  }
  if (ctx.asking?.kind !== 'how_many') {
    const n = pointedAt(plain, options.length);
    if (n !== undefined) return n >= 1 && n <= options.length ? { type: 'option', id: options[n - 1]!.id } : { type: 'choose', index: n };
  }
  if (ctx.asking?.kind === 'choose_product') return pickedByName(plain, ctx, matcher);
  return undefined;
}
