import pluralize from 'pluralize';

/** a/b when it is a proper fraction of at most sixteenths. */
function fraction(a: string, b: string): number | undefined {
  const x = Number(a);
  const y = Number(b);
  return x > 0 && y > 1 && y <= 16 && x < y ? x / y : undefined;
}
/** At most three decimals, as amounts are written ("0.333"). */
const decimal = (n: number) => String(Math.round(n * 1000) / 1000);

const PLAIN = /^(?:[A-Za-z0-9]+(?:,? [A-Za-z0-9]+)*)?$/;

/** Lower case, plain ASCII-ish words; keeps digits, decimal points and the separators the parser splits on. */
export function normalize(text: string): string {
  // Words of ASCII letters and digits one space apart, a comma after a word at most, only need lower case:
  // none of the steps below changes anything else in them. Most calls are on words already read once, or on
  // plain messages ("Sam Bench", "12 Main Street, Springfield"), and this spares them ten passes.
  if (PLAIN.test(text)) return text.toLowerCase();
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\u2018\u2019\u00b4`]/g, "'")
    .replace(/½/g, ' 0.5 ')
    .replace(/¼/g, ' 0.25 ')
    // "1/2 kg", "1/3 kg", "3/4 lb": a fraction is its decimal; "1 1/2" is one and a half. Only proper
    // fractions of small parts: "1/3" read as "1 3" was 3 kg.
    .replace(/\b(\d{1,4})\s+(\d{1,2})\/(\d{1,2})\b/g, (m, n: string, a: string, b: string) => (fraction(a, b) === undefined ? m : ` ${decimal(Number(n) + fraction(a, b)!)} `))
    .replace(/\b(\d{1,2})\/(\d{1,2})\b/g, (m, a: string, b: string) => (fraction(a, b) === undefined ? m : ` ${decimal(fraction(a, b)!)} `))
    .replace(/(\d),(\d)/g, '$1.$2')
    .replace(/[^a-z0-9.,;&'%#\-\s]/g, ' ')
    .replace(/(^|\s)(?:[.']+|-+(?!\d))|[.'-]+(?=\s|$)/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Texting's words for you, your, are and what ("r u open", "wat time"). */
export const TEXTING = /\b(?:u|ur|r|ya|wat|wot|wats|wots)\b/;

/** Texting's words spelled out: "u" is you, "ur" your, "r" are, "ya" you, "wat" what. */
export function spellTexting(text: string): string {
  return text.replace(/\bu\b/g, 'you').replace(/\bur\b/g, 'your').replace(/\br\b/g, 'are').replace(/\bya\b/g, 'you').replace(/\bw[ao]ts\b/g, "what's").replace(/\bw[ao]t\b/g, 'what');
}

export function words(text: string): string[] {
  return text.split(/[\s,;&]+/).filter(Boolean);
}

/** Stems remembered per word; cleared when full, so memory stays bounded whatever customers type. */
const STEM_MEMO_LIMIT = 10_000;
const STEM_MEMO_WORD_CHARS = 40;
const stems = new Map<string, string>();

/**
 * A crude English stemmer, applied the same way to the catalog and to what customers type. Irregular
 * plurals ("knives", "loaves", "leaves", "geese") are read by pluralize; the rest by suffix rules.
 */
export function stem(word: string): string {
  const known = stems.get(word);
  if (known !== undefined) return known;
  const s = stemOnce(word);
  if (word.length <= STEM_MEMO_WORD_CHARS) {
    if (stems.size >= STEM_MEMO_LIMIT) stems.clear();
    stems.set(word, s);
  }
  return s;
}

function stemOnce(word: string): string {
  const w = word.replace(/'s$/, '').replace(/'/g, '');
  if (w.length <= 3) return w;
  const irregular = irregularSingular(w);
  if (irregular) return irregular;
  if (w.endsWith('ies') && w.length > 4) return `${w.slice(0, -3)}y`;
  if (w.endsWith('oes')) return w.slice(0, -2);
  if (/(ches|shes|xes|sses)$/.test(w)) return w.slice(0, -2);
  if (w.endsWith('s') && !/(ss|us|is)$/.test(w)) return w.slice(0, -1);
  return w;
}

/** Words pluralize reads as plurals ("they" → "she") that are no product's name in any number. */
const NOT_PLURALS = new Set(['they', 'these', 'those', 'were', 'theirs', 'themselves', 'yourselves', 'ourselves']);

/**
 * The singular of a plural no suffix rule reads: "-ves" (knives → knife, loaves → loaf) and the few
 * vowel-changing ones (geese, teeth, mice). Latin and Greek rules ("feta" → "fetum") are not applied.
 */
function irregularSingular(w: string): string | undefined {
  if (!/^[a-z]+$/.test(w) || NOT_PLURALS.has(w)) return undefined;
  if (!w.endsWith('ves') && (w.endsWith('s') || /[ai]$/.test(w))) return undefined;
  const single = pluralize.singular(w);
  return single !== w && /^[a-z]+$/.test(single) ? single : undefined;
}
