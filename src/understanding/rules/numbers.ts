import { gramsPerUnit } from '../../domain/units';
import type { SaidQuantity } from '../interpreter';

// Every table here is keyed by a customer's words, so they are Maps: "constructor" is not a number.
const UNITS = new Map<string, number>([
  ['zero', 0], ['one', 1], ['two', 2], ['three', 3], ['four', 4], ['five', 5], ['six', 6], ['seven', 7], ['eight', 8],
  ['nine', 9], ['ten', 10], ['eleven', 11], ['twelve', 12], ['thirteen', 13], ['fourteen', 14], ['fifteen', 15],
  ['sixteen', 16], ['seventeen', 17], ['eighteen', 18], ['nineteen', 19],
]);
const TENS = new Map<string, number>([
  ['twenty', 20], ['thirty', 30], ['forty', 40], ['fifty', 50], ['sixty', 60], ['seventy', 70], ['eighty', 80], ['ninety', 90],
]);
/** Speech-to-text writes these where the caller said a number; read as numbers only where one fits. */
const HOMOPHONES = new Map<string, number>([['to', 2], ['too', 2], ['for', 4], ['fore', 4], ['won', 1], ['ate', 8]]);

const POUND = gramsPerUnit('lb')!;
const OUNCE = gramsPerUnit('oz')!;
/** Grams per unit of weight, by every spelling customers use: the amounts parser's and the sizes' one table. */
export const GRAMS_PER = new Map<string, number>([
  ['kg', 1000], ['kgs', 1000], ['kilo', 1000], ['kilos', 1000], ['kilogram', 1000], ['kilograms', 1000],
  ['kilogramme', 1000], ['kilogrammes', 1000],
  ['g', 1], ['gr', 1], ['gm', 1], ['gms', 1], ['grms', 1], ['gram', 1], ['grams', 1], ['gramme', 1], ['grammes', 1], ['grm', 1],
  ['lb', POUND], ['lbs', POUND], ['pound', POUND], ['pounds', POUND],
  ['oz', OUNCE], ['ozs', OUNCE], ['ounce', OUNCE], ['ounces', OUNCE],
]);

/**
 * The largest amounts read as quantities at all: far above any cart limit (the engine tells the customer
 * the real limit), far below where numbers stop being exact. Anything bigger is not understood as a number.
 */
export const MAX_COUNT = 1_000_000;
export const MAX_GRAMS = 1_000_000_000;
/** Digits plus an optional short decimal part: "1e9", 400-digit numbers and "1.23456" are not amounts. */
const NUMERAL = /^\d{1,7}(?:\.\d{1,3})?$/;

export interface ParsedQuantity {
  quantity: SaidQuantity;
  /** Index of the first token after the quantity. */
  next: number;
}

/** Splits glued forms so "1.5kg", "500g", "8oz", "3x" and "x3" read as two tokens. */
export function splitGlued(tokens: string[]): string[] {
  const out: string[] = [];
  for (const t of tokens) {
    const m = /^(\d+(?:\.\d+)?)(kg|kgs|g|gr|gm|gms|lb|lbs|oz|x)$/.exec(t) ?? /^(x)(\d+)$/.exec(t);
    if (m) out.push(m[1]!, m[2]!);
    else out.push(t);
  }
  return out;
}

/** A plain number at tokens[i]: digits, or number words like "twenty five"; no articles, no homophones. */
export function readNumber(tokens: string[], i: number): { value: number; next: number } | undefined {
  const t = tokens[i];
  if (t === undefined) return undefined;
  if (NUMERAL.test(t)) return { value: Number(t), next: i + 1 };
  const tens = TENS.get(t);
  if (tens !== undefined) {
    const unit = UNITS.get(tokens[i + 1] ?? '');
    if (unit !== undefined && unit > 0 && unit < 10) return { value: tens + unit, next: i + 2 };
    return { value: tens, next: i + 1 };
  }
  const unit = UNITS.get(t);
  if (unit !== undefined) {
    if (tokens[i + 1] === 'hundred') return { value: unit * 100, next: i + 2 };
    return { value: unit, next: i + 1 };
  }
  if (t === 'hundred') return { value: 100, next: i + 1 };
  return undefined;
}

/** Past the "of a" in "half of a kilo", "a quarter of a kilo", "half a melon". */
function pastArticle(tokens: string[], i: number): number {
  let j = i;
  if (tokens[j] === 'of') j += 1;
  if (tokens[j] === 'a' || tokens[j] === 'an') j += 1;
  return j;
}

function base(tokens: string[], i: number, homophones: boolean): { value: number; next: number; dozen?: boolean } | undefined {
  const t = tokens[i];
  const t1 = tokens[i + 1];
  const t2 = tokens[i + 2];
  if (t === undefined) return undefined;
  if ((t === 'a' || t === 'an') && t1 === 'couple') return { value: 2, next: i + 2 };
  if (t === 'couple') return { value: 2, next: i + 1 };
  if ((t === 'a' || t === 'an') && t1 === 'pair') return { value: 2, next: i + 2 };
  if (t === 'a' && t1 === 'few') return { value: 3, next: i + 2 };
  if (t === 'half' && (t1 === 'a' || t1 === 'an') && t2 === 'dozen') return { value: 6, next: i + 3, dozen: true };
  if (t === 'half' && t1 === 'dozen') return { value: 6, next: i + 2, dozen: true };
  if (t === 'half') return { value: 0.5, next: pastArticle(tokens, i + 1) };
  if ((t === 'a' || t === 'an') && t1 === 'half') return { value: 0.5, next: i + 2 };
  // "a quarter kilo", "a quarter of a kilo", "quarter of a kilo"
  if (t === 'quarter') return { value: 0.25, next: pastArticle(tokens, i + 1) };
  if ((t === 'a' || t === 'an') && t1 === 'quarter') return { value: 0.25, next: pastArticle(tokens, i + 2) };
  if ((t === 'a' || t === 'an') && t1 === 'dozen') return { value: 12, next: i + 2, dozen: true };
  if (t === 'dozen') return { value: 12, next: i + 1, dozen: true };
  if (t === 'a' || t === 'an') return { value: 1, next: i + 1 };
  if (t === 'another') return { value: 1, next: i + 1 };
  const spoken = homophones ? HOMOPHONES.get(t) : undefined;
  const n = readNumber(tokens, i) ?? (spoken !== undefined ? { value: spoken, next: i + 1 } : undefined);
  if (!n) return undefined;
  // "one and a half", "2 and a half"
  if (tokens[n.next] === 'and' && tokens[n.next + 1] === 'a' && tokens[n.next + 2] === 'half') {
    return { value: n.value + 0.5, next: n.next + 3 };
  }
  if (tokens[n.next] === 'dozen') return { value: n.value * 12, next: n.next + 1, dozen: true };
  return n;
}

/**
 * Whether an amount can be handed on: finite and in range; grams whole. Pieces are whole, or halves and
 * quarters ("half a melon", "1.5"): the engine weighs those out for produce sold by weight and asks for
 * whole pieces otherwise. "1.37 limes" is not an amount anyone means.
 */
export function sane(q: SaidQuantity, allowZero = false): boolean {
  if (q.kind === 'none') return true;
  const max = q.kind === 'grams' ? MAX_GRAMS : MAX_COUNT;
  if (!Number.isFinite(q.value) || q.value < 0 || q.value > max) return false;
  if (q.value === 0) return allowZero;
  return Number.isSafeInteger(q.kind === 'count' ? q.value * 4 : q.value);
}

/**
 * Reads a quantity starting at tokens[i]: "2", "two", "a dozen", "half a kilo", "1.5 kg", "3 x", "a couple of".
 * With `homophones`, "to"/"too" read as 2 and "for" as 4 (speech-to-text); the caller decides where that fits.
 */
export function parseQuantity(tokens: string[], i: number, homophones = false, allowZero = false): ParsedQuantity | undefined {
  const b = base(tokens, i, homophones);
  if (!b) return undefined;
  let next = b.next;
  const grams = GRAMS_PER.get(tokens[next] ?? '');
  let quantity: SaidQuantity;
  if (grams !== undefined) {
    quantity = { kind: 'grams', value: Math.round(b.value * grams) };
    next += 1;
  } else {
    quantity = { kind: 'count', value: b.value };
    if (tokens[next] === 'x' || tokens[next] === 'times') next += 1;
  }
  if (tokens[next] === 'of') next += 1;
  if (!sane(quantity, allowZero)) return undefined;
  return { quantity, next };
}

/** The number a speech-to-text homophone stands for ("to" → 2), where the caller knows a number fits. */
export function homophone(word: string): number | undefined {
  return HOMOPHONES.get(word);
}
