// Outsider's measure: 25 everyday dialogues with an Australian corner store / suburban IGA, run through the real
// engine. Written without reading the bot's understanding or engine code; only the replies and the placed order
// are judged.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { customer, makeCore } from '../helpers';
import { loadCatalog } from '../../src/catalog/load';

/**
 * Dialogues right: 10/25 on the first run (a blind measure), 18/25 once the closing lines with delivery or pickup,
 * Australian street words and "I meant 2" were read. A floor against regressions.
 */
const FLOOR = 18;
/**
 * The first run quoted fragments, so this is a ceiling rather than "none": 5 replies (first-run transcripts counted
 * once per quote per reply; the first run's raw count, before that harness fix, was 13 lines).
 */
const FRAGMENTS_MAX = 1;

const CATALOG_FILE = fileURLToPath(new URL('./catalog.json', import.meta.url));
const DIALOGUES_FILE = fileURLToPath(new URL('./dialogues.json', import.meta.url));

interface Dialogue {
  id: string;
  voice: string;
  phone: string;
  /** What the customer answers when asked their name / address. */
  name: string;
  address: string;
  turns: string[];
  /** Sent after the order is placed. */
  after?: string[];
  /** Scripted answers to the bot's clarifying questions: `when` is matched (case-insensitive) against the question. */
  answers: { when: string; say: string }[];
  /** What the customer answers to "delivery or pickup?". */
  method: string;
  /** What the customer says to the read-back. */
  confirm: string;
  fulfilment: 'delivery' | 'pickup';
  /** Things the customer asked for that the store really does not sell. */
  notCarried?: string[];
  /** Words of the customer that name a product (misspelt, slang), so a reply quoting them is no fragment. */
  mayQuote?: string[];
  expectAddress?: string;
  /** sku → quantity in the product's unit (grams for products sold by weight). */
  expect: Record<string, number>;
}

const dialogues: Dialogue[] = JSON.parse(readFileSync(DIALOGUES_FILE, 'utf8'));
const catalog = loadCatalog(CATALOG_FILE);
const skus = new Set(catalog.map((p) => p.sku));

const ENV = {
  CATALOG_FILE,
  CURRENCY: 'AUD',
  LOCALE: 'en-AU',
  DEFAULT_COUNTRY: 'AU',
  STORE_NAME: "Kev's IGA",
  DELIVERY_FEE: '5',
};

const STOP = new Set(['a', 'an', 'the', 'some', 'any', 'of', 'and', 'or', 'for', 'pack', 'packet', 'x', 'each', 'kg', 'g', 'l', 'ml', 'per']);
const norm = (s: string) => s.toLowerCase().replace(/[’‘]/g, "'");
const tokens = (s: string) => norm(s).split(/[^a-z0-9']+/).map((t) => t.replace(/^'+|'+$/g, '')).filter(Boolean);
const catalogWords = new Set<string>();
for (const p of catalog) for (const t of tokens([p.name, ...(p.aliases ?? [])].join(' '))) {
  catalogWords.add(t);
  catalogWords.add(t.replace(/'s$/, ''));
  catalogWords.add(`${t}s`);
  catalogWords.add(`${t}es`);
}

const NOT_FOUND = /(we don['’]t carry|couldn['’]t find|didn['’]t catch|isn['’]t in your cart)/i;

/** The words a "not found" sentence names, or undefined when it names nothing ("didn't catch that"). */
function quotedIn(sentence: string): string | undefined {
  const q = sentence.match(/“([^”]+)”|"([^"]+)"|‘([^’]+)’/);
  if (q) return q[1] ?? q[2] ?? q[3];
  const m = sentence.match(NOT_FOUND)!;
  const before = sentence.slice(0, m.index);
  const after = sentence.slice(m.index! + m[0].length);
  let words = /isn/i.test(m[0]) ? before.replace(/^.*?(sorry|oops|hmm)[,!.]?\s*/i, '') : after;
  words = words.replace(/^[\s,:—-]*(any|that|it)?\b/i, '').replace(/[.!?,;:].*$/s, '').trim();
  if (!words || /^(that|it|this|those|them|all of that|that one)$/i.test(words)) return undefined;
  return words;
}

/**
 * A quote is fine when it is a thing the customer asked for: a word they declared, or words mostly of product names
 * ("shapes bbq"); a fragment when most of its words are in no product ("coffs harbour nsw", "two"). "X isn't in your
 * cart" names a product of the catalog, so it is a fragment when that product is none the customer had in play
 * (expected, or added during the dialogue): "sweet, I'll grab it" is not about Sweet Potato.
 */
function isFragment(quote: string, d: Dialogue, cartNotice: boolean, inPlay: Set<string>): boolean {
  const q = norm(quote);
  for (const w of [...(d.notCarried ?? []), ...(d.mayQuote ?? [])]) if (q.includes(w.toLowerCase())) return false;
  if (cartNotice) {
    const named = catalog.filter((p) => q.includes(norm(p.name)) || norm(p.name).includes(q));
    if (named.length) return !named.some((p) => inPlay.has(p.sku));
  }
  const content = tokens(q).filter((t) => !STOP.has(t) && !/^\d/.test(t));
  const unknown = content.filter((t) => !catalogWords.has(t));
  return content.length === 0 ? false : unknown.length * 2 > content.length;
}

interface Outcome {
  id: string;
  right: boolean;
  reasons: string[];
  fragments: string[];
  notes: string[];
  transcript: string[];
}

async function run(d: Dialogue): Promise<Outcome> {
  const core = await makeCore(ENV);
  const c = customer(core, d.phone);
  const transcript: string[] = [];
  const fragments: string[] = [];
  const notes: string[] = [];
  const used = new Set<number>();
  const inPlay = new Set(Object.keys(d.expect));
  /** How often the customer has given each generic answer (name, address, method, confirm): at most twice. */
  const asked: Record<string, number> = {};
  let lastText = '';

  const send = async (text: string, who = 'customer') => {
    transcript.push(`  ${who === 'customer' ? '>' : '»'} ${text}`);
    lastText = await c.say(text);
    for (const line of lastText.split('\n')) transcript.push(`    ${line}`);
    for (const p of catalog) if (lastText.includes(`Added`) && lastText.includes(p.name)) inPlay.add(p.sku);
    const seen = new Set<string>();
    for (const sentence of lastText.split(/(?<=[.!?])\s+|\n/)) {
      const m = sentence.match(NOT_FOUND);
      if (!m) continue;
      const quote = quotedIn(sentence);
      // One flag per quote per reply: a reply repeating a sentence is one reply that quotes it.
      if (quote === undefined || seen.has(quote)) continue;
      seen.add(quote);
      if (isFragment(quote, d, /isn/i.test(m[0]), inPlay)) fragments.push(`${d.id}: "${sentence.trim()}" (after "${text}")`);
    }
    return lastText;
  };
  const stage = async () => (await core.store.getConversation(d.phone))?.stage;
  const placed = async () => (await core.store.listOrders({ phone: d.phone }));

  /** What the customer would read as a question: sentences ending in "?", the options, and "not found" sentences. */
  const questionText = () => [
    ...lastText.split(/(?<=[.!?])\s+|\n/).filter((s) => s.trim().endsWith('?') || NOT_FOUND.test(s)),
    ...c.options,
  ].join('\n');

  /** Answers the bot's questions the way the customer scripted, until it asks nothing they have an answer for. */
  const answerQuestions = async (finishing: boolean) => {
    for (let i = 0; i < 8; i++) {
      const s = await stage();
      const once = async (key: string, text: string) => {
        asked[key] = (asked[key] ?? 0) + 1;
        if (asked[key] > 2) return false;
        await send(text, 'answer');
        return true;
      };
      if (s === 'registration_name') { if (await once('name', d.name)) continue; break; }
      if (s === 'registration_address') { if (await once('address', d.address)) continue; break; }
      const q = questionText();
      const idx = d.answers.findIndex((a, k) => !used.has(k) && new RegExp(a.when, 'i').test(q));
      if (idx >= 0) { used.add(idx); await send(d.answers[idx]!.say, 'answer'); continue; }
      if (!finishing) break;
      if ((await placed()).length) break;
      if (s === 'checkout_method') { notes.push('asked delivery or pickup'); if (await once('method', d.method)) continue; break; }
      if (s === 'checkout_address') { notes.push('asked the address at checkout'); if (await once('caddress', d.address)) continue; break; }
      if (s === 'checkout_confirm') { if (await once('confirm', d.confirm)) continue; break; }
      break;
    }
  };

  for (const turn of d.turns) {
    await send(turn);
    await answerQuestions(false);
  }
  await answerQuestions(true);

  const reasons: string[] = [];
  const orders = await placed();
  if (orders.length !== 1) {
    reasons.push(orders.length ? `${orders.length} orders placed` : `no order placed (ended at stage ${await stage()})`);
  }
  const order = orders.at(-1);
  if (order) {
    for (const t of d.after ?? []) await send(t);
    const got: Record<string, number> = {};
    for (const l of order.lines) got[l.sku] = (got[l.sku] ?? 0) + l.qty;
    const all = new Set([...Object.keys(got), ...Object.keys(d.expect)]);
    const diff = [...all].filter((k) => got[k] !== d.expect[k]).map((k) => `${k}: expected ${d.expect[k] ?? 0}, got ${got[k] ?? 0}`);
    if (diff.length) reasons.push(`lines: ${diff.join('; ')}`);
    if (order.fulfilment !== d.fulfilment) reasons.push(`fulfilment ${order.fulfilment}, expected ${d.fulfilment}`);
    if (d.expectAddress && !(order.address ?? '').includes(d.expectAddress)) reasons.push(`address "${order.address}", expected "${d.expectAddress}"`);
  }
  return { id: d.id, right: reasons.length === 0, reasons, fragments, notes, transcript };
}

describe('dialogues-c: an Australian corner store', () => {
  it('has a catalog that loads and dialogues that name its products', () => {
    expect(catalog.length).toBeGreaterThanOrEqual(60);
    expect(dialogues).toHaveLength(25);
    for (const d of dialogues) for (const sku of Object.keys(d.expect)) expect(skus.has(sku), `${d.id}: ${sku}`).toBe(true);
  });

  it('places the orders customers asked for', async () => {
    const outcomes: Outcome[] = [];
    for (const d of dialogues) outcomes.push(await run(d));
    const right = outcomes.filter((o) => o.right).length;
    const fragments = outcomes.flatMap((o) => o.fragments);

    const out: string[] = [`dialogues-c: ${right}/${dialogues.length} right`];
    for (const o of outcomes.filter((x) => !x.right || x.fragments.length)) {
      out.push('', `✗ ${o.id}${o.right ? ' (order right)' : ''}: ${[...o.reasons, ...o.fragments.map((f) => `fragment quoted: ${f}`)].join(' | ')}`);
      if (o.notes.length) out.push(`  notes: ${o.notes.join('; ')}`);
      out.push(...o.transcript);
    }
    const noted = outcomes.filter((o) => o.notes.length);
    if (noted.length) out.push('', 'notes:', ...noted.map((o) => `  ${o.id}: ${o.notes.join('; ')}`));
    out.push('', `fragments quoted: ${fragments.length}`, ...fragments.map((f) => `  ${f}`));
    console.log(out.join('\n'));

    expect(right).toBeGreaterThanOrEqual(FLOOR);
    expect(fragments.length).toBeLessThanOrEqual(FRAGMENTS_MAX);
  });
});
