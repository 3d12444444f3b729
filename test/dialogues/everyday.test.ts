// Everyday dialogues, written by an outsider against a store's own catalog (test/dialogues/store-catalog.json),
// run through the real engine. The harness only reads what the bot says (its texts and the labels of its options),
// as a customer would; it never looks at how the bot understands text.
//
// For each dialogue: the customer's messages are sent in order; after each one, if the bot asks a question that one
// of the dialogue's scripted answers fits, that answer is sent (each at most once). Then the order is finished the
// way a customer would: "check out", delivery or pickup as the dialogue says, "yes" to the read-back.
// A dialogue is right when the placed order has exactly the expected lines (and the expected fulfilment, and
// address where the dialogue names one) and no bot reply quoted words that are not a product as a product.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { customer, makeCore } from '../helpers';
import type { Reply } from '../../src/domain/types';

const here = (f: string) => fileURLToPath(new URL(f, import.meta.url));
const CATALOG_FILE = here('./store-catalog.json');
const PASS_MARK = 22;

interface Answer { when: string; say: string; registration?: boolean }
interface Dialogue {
  id: string;
  who: string;
  phone: string;
  fulfilment: 'delivery' | 'pickup';
  customer: { name: string; address: string | null };
  messages: string[];
  clarifyOk?: number[];
  answers?: Answer[];
  productWords?: string[];
  notCarried?: string[];
  expected: Record<string, number>;
  expectAddress?: string;
}
interface CatalogEntry { sku: string; name: string; unit: string; category: string; aliases?: string[] }

const dialogues: Dialogue[] = JSON.parse(readFileSync(here('./everyday.json'), 'utf8')).dialogues;
const catalog: CatalogEntry[] = JSON.parse(readFileSync(CATALOG_FILE, 'utf8'));
const nameOf = new Map(catalog.map((p) => [p.sku, p.name]));
const WEIGHT_UNITS = new Set(['kg', 'g', 'lb', 'oz']);
const unitOf = (sku: string) => catalog.find((p) => p.sku === sku)?.unit ?? '?';
const showQty = (sku: string, qty: number) => (WEIGHT_UNITS.has(unitOf(sku)) ? `${qty} g` : `${qty} ${unitOf(sku)}`);

// ---------- reading the bot's replies as a customer would ----------

/** The sentences of a turn that ask something: those ending in "?", and the lead-in of a reply that offers options. */
function questionText(replies: Reply[]): string {
  const parts: string[] = [];
  for (const r of replies) {
    for (const s of r.text.split(/(?<=[.!?])\s+|\n+/)) if (s.trim().endsWith('?')) parts.push(s.trim());
  }
  const last = replies.at(-1);
  if (last?.options?.length && !parts.length) {
    const lines = last.text.split('\n').map((l) => l.trim()).filter(Boolean);
    // The words before the numbered list, if the text carries one.
    const lead = lines.filter((l) => !/^\d+[.)]\s/.test(l));
    parts.push(lead.at(-1) ?? '');
  }
  return parts.join(' ');
}
const optionLabels = (replies: Reply[]) => (replies.at(-1)?.options ?? []).map((o) => o.label);
const turnText = (replies: Reply[]) => replies.map((r) => r.text).join('\n');

const isReadBack = (replies: Reply[]) =>
  optionLabels(replies).some((l) => /place it|place (the|my) order|confirm/i.test(l)) ||
  /shall i place|place (it|the order|your order)\?|confirm (the|your) order/i.test(questionText(replies));
const asksAddress = (replies: Reply[]) => /address/i.test(questionText(replies));
const asksName = (replies: Reply[]) => /\bname\b/i.test(questionText(replies));
const asksFulfilment = (replies: Reply[]) => {
  const labels = optionLabels(replies).join(' | ');
  const q = questionText(replies);
  return (/deliver/i.test(labels) && /pick ?up|collect/i.test(labels)) || (/deliver/i.test(q) && /pick ?up|collect/i.test(q));
};

// ---------- "we don't carry X" about words that are not a product ----------

const STOP = new Set(`a an the some any of and or & with for to in on at from my his her their our your me i you he she it we they
  this that these those x pk pack packs packet packets tin tins can cans bottle bottles jar jars box boxes bag bags loaf loaves tub tubs
  punnet punnets carton cartons bar bars bunch g kg gram grams kilo kilos pint pints pt ml l litre liter lb lbs one two three four five six
  seven eight nine ten dozen half couple more called named like big large small little`.split(/\s+/).filter(Boolean));

function words(s: string): string[] {
  return s.toLowerCase().replace(/[’']/g, "'").split(/[^a-z0-9']+/).map((w) => w.replace(/^'+|'+$/g, '')).filter(Boolean);
}
function stem(w: string): string {
  return w.replace(/'s$/, '').replace(/(ies)$/, 'y').replace(/(oes|ses|xes)$/, (m) => m.slice(0, -2)).replace(/s$/, '');
}
function lev(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++) for (let j = 1; j <= b.length; j++) {
    d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
  }
  return d[a.length]![b.length]!;
}
const catalogVocab = new Set(catalog.flatMap((p) => [p.name, p.category, ...(p.aliases ?? [])].flatMap((s) => {
  const w = words(s);
  return [...w, ...w.slice(1).map((x, i) => w[i] + x)]; // and each pair written as one word: "cornflakes"
})).map(stem));
function isProductWord(w: string, vocab: Set<string>): boolean {
  const s = stem(w);
  if (vocab.has(s)) return true;
  const tol = s.length >= 7 ? 2 : s.length >= 4 ? 1 : 0;
  if (!tol) return false;
  for (const v of vocab) if (Math.abs(v.length - s.length) <= tol && lev(v, s) <= tol) return true;
  return false;
}

interface Quote { reply: string; quoted: string; fragment: boolean; generic: boolean }

const TRIGGER = /(?:don['’]t|do not) carry|(?:couldn['’]t|could not) find|(?:didn['’]t|did not) catch/i;
/** "worries isn’t in your cart": the bot treating words as a product in the cart; the phrase comes before it. */
const TRIGGER_BEFORE = /\s+(?:isn['’]t|is not|aren['’]t|are not) in your (?:cart|basket)/i;
/** Every phrase a reply says it does not carry / could not find / did not catch, judged product-like or a fragment. */
function quotesOf(text: string, d: Dialogue): Quote[] {
  const vocab = new Set([...catalogVocab, ...[...(d.productWords ?? []), ...(d.notCarried ?? [])].flatMap(words).map(stem)]);
  const out: Quote[] = [];
  for (const sentence of text.split(/\n+|(?<=[.!?])\s+(?=[A-Z“"‘])/)) {
    const m = TRIGGER.exec(sentence);
    const b = m ? undefined : TRIGGER_BEFORE.exec(sentence);
    if (!m && !b) continue;
    const quoted = [...sentence.matchAll(/“([^”]+)”|"([^"]+)"|‘([^’]+)’/g)].map((q) => q[1] ?? q[2] ?? q[3] ?? '');
    const phrases = quoted.length ? quoted
      : m ? [sentence.slice(m.index + m[0].length).replace(/[.!?,:;].*$/s, '').trim()]
        : [sentence.slice(0, b!.index).trim()];
    for (const phrase of phrases) {
      const content = words(phrase).filter((w) => !STOP.has(w) && !/^\d+([.,]\d+)?[a-z]*$/.test(w));
      const pronoun = /^(that|this|it|that one|what you (meant|said)|anything|your message)$/i.test(phrase.trim());
      // Nothing named at all is a generic "didn't catch that"; a quoted unit or filler word ("liter") is a fragment.
      const generic = pronoun || (!content.length && !(quoted.length && words(phrase).length));
      const fragment = !generic && (!content.length || !content.every((w) => isProductWord(w, vocab)));
      out.push({ reply: sentence.trim(), quoted: phrase, fragment, generic });
    }
  }
  return out;
}

// ---------- running one dialogue ----------

interface Result {
  d: Dialogue;
  transcript: string[];
  got: Record<string, number>;
  placed: boolean;
  fulfilment?: string;
  address?: string;
  quotes: Quote[];
  unaskedQuestions: string[];
  problems: string[];
  right: boolean;
  error?: string;
}

async function run(d: Dialogue): Promise<Result> {
  const core = await makeCore({
    CATALOG_FILE, CURRENCY: 'GBP', LOCALE: 'en-GB', DEFAULT_COUNTRY: 'GB', STORE_NAME: "Hartley's Corner Shop", DELIVERY_FEE: '2.50', RATE_PER_MINUTE: '1000',
  });
  const c = customer(core, d.phone, 'whatsapp');
  const transcript: string[] = [];
  const quotes: Quote[] = [];
  const unaskedQuestions: string[] = [];
  const used = new Set<number>();
  const answers = d.answers ?? [];

  const say = async (text: string, label: string) => {
    core.clock.advance(1); // people take a moment between messages
    transcript.push(`  ${label.padEnd(9)} customer: ${text}`);
    await c.say(text);
    const replies = c.replies;
    for (const r of replies) {
      transcript.push(...r.text.split('\n').map((l, i) => `  ${''.padEnd(9)} ${i ? '    ' : 'bot:'} ${l}`));
      if (r.options?.length && !/^\s*1[.)]/m.test(r.text)) transcript.push(`  ${''.padEnd(9)}      options: ${r.options.map((o, i) => `${i + 1}. ${o.label}`).join(' / ')}`);
    }
    quotes.push(...quotesOf(turnText(replies), d));
    return replies;
  };
  const placedOrder = async () => (await core.store.listOrders({ phone: d.phone }))[0];

  let error: string | undefined;
  try {
    /** The unused scripted answer that fits the bot's question, if any. */
    const answerFor = async (replies: Reply[]) => {
      const q = questionText(replies);
      if (!q) return undefined;
      const asked = [q, ...optionLabels(replies)].join(' | ');
      const registered = !!(await core.store.getCustomer(d.phone))?.registeredAt;
      const n = answers.findIndex((a, j) => !used.has(j) && (a.registration || registered) && new RegExp(a.when, 'i').test(asked));
      if (n < 0) return undefined;
      used.add(n);
      return { answer: answers[n]!, q };
    };
    for (const [i, msg] of d.messages.entries()) {
      let replies = await say(msg, `[${i}]`);
      for (let k = 0; k < 4; k++) {
        const found = await answerFor(replies);
        if (!found) break;
        if (!found.answer.registration && !(d.clarifyOk ?? []).includes(i)) unaskedQuestions.push(`after [${i}] "${msg}": ${found.q}`);
        replies = await say(found.answer.say, `[${i}→ans]`);
      }
    }
    // Finish as a customer would: check out, delivery or pickup, yes to the read-back.
    let checkouts = 0;
    let replies = c.replies;
    let found: Awaited<ReturnType<typeof answerFor>>;
    for (let step = 0; step < 10 && !(await placedOrder()); step++) {
      if (isReadBack(replies)) replies = await say('yes', '[end]');
      else if (asksAddress(replies) && !asksFulfilment(replies)) replies = await say(d.customer.address ?? 'pickup', '[end]');
      else if (asksFulfilment(replies)) replies = await say(d.fulfilment, '[end]');
      else if (asksAddress(replies)) replies = await say(d.customer.address ?? 'pickup', '[end]');
      else if (asksName(replies)) replies = await say(d.customer.name, '[end]');
      else if ((found = await answerFor(replies))) replies = await say(found.answer.say, '[end→ans]');
      else if (checkouts++ < 2) replies = await say('check out', '[end]');
      else break;
    }
  } catch (err) {
    error = (err as Error).stack ?? String(err);
  }

  const order = await placedOrder();
  const got: Record<string, number> = {};
  for (const l of order?.lines ?? []) got[l.sku] = (got[l.sku] ?? 0) + l.qty;
  const problems: string[] = [];
  if (error) problems.push(`harness error: ${error.split('\n')[0]}`);
  if (!order) problems.push('no order was placed');
  else {
    for (const sku of new Set([...Object.keys(d.expected), ...Object.keys(got)])) {
      const want = d.expected[sku] ?? 0;
      const have = got[sku] ?? 0;
      if (want !== have) problems.push(`${sku} ${nameOf.get(sku) ?? '?'}: expected ${showQty(sku, want)}, got ${showQty(sku, have)}`);
    }
    if (order.fulfilment !== d.fulfilment) problems.push(`fulfilment: expected ${d.fulfilment}, got ${order.fulfilment}`);
    if (d.expectAddress && !(order.address ?? '').toLowerCase().includes(d.expectAddress.toLowerCase())) {
      problems.push(`address: expected to contain "${d.expectAddress}", got "${order.address ?? ''}"`);
    }
  }
  for (const q of quotes.filter((x) => x.fragment)) problems.push(`quoted a fragment as a product: "${q.quoted}" in: ${q.reply}`);
  await (core as unknown as { close?: () => Promise<void> }).close?.();
  return {
    d, transcript, got, placed: !!order, fulfilment: order?.fulfilment, address: order?.address, quotes, unaskedQuestions, problems,
    right: problems.length === 0, error,
  };
}

describe('everyday dialogues against a store-written catalog', () => {
  it(`gets at least ${PASS_MARK} of ${dialogues.length} orders right and never quotes a fragment as a product`, async () => {
    expect(dialogues.length).toBe(30);
    const results: Result[] = [];
    for (const d of dialogues) results.push(await run(d));

    const right = results.filter((r) => r.right);
    const fragments = results.flatMap((r) => r.quotes.filter((q) => q.fragment).map((q) => ({ id: r.d.id, ...q })));
    const out: string[] = [];
    out.push('', `everyday dialogues: ${right.length}/${dialogues.length} right`, '');
    for (const r of results) out.push(`  ${r.right ? 'RIGHT' : 'WRONG'}  ${r.d.id.padEnd(32)} ${r.right ? '' : r.problems[0]}`);
    if (fragments.length) {
      out.push('', `fragments quoted as products (${fragments.length}):`);
      for (const f of fragments) out.push(`  ${f.id}: "${f.quoted}" — ${f.reply}`);
    }
    const otherQuotes = results.flatMap((r) => r.quotes.filter((q) => !q.fragment).map((q) => ({ id: r.d.id, ...q })));
    if (otherQuotes.length) {
      out.push('', 'other "don\'t carry / couldn\'t find / didn\'t catch" replies (about product names, or generic; not counted):');
      for (const f of otherQuotes) out.push(`  ${f.id}: ${f.generic ? '(generic)' : `"${f.quoted}"`} — ${f.reply}`);
    }
    const unasked = results.flatMap((r) => r.unaskedQuestions.map((u) => `  ${r.d.id}: ${u}`));
    if (unasked.length) out.push('', 'clarifying questions where none was expected (answered, not counted):', ...unasked);
    for (const r of results.filter((x) => !x.right)) {
      out.push('', `──── ${r.d.id} (${r.d.who}) ────`);
      out.push(...r.problems.map((p) => `  ✗ ${p}`));
      out.push(`  expected: ${Object.entries(r.d.expected).map(([s, q]) => `${showQty(s, q)} ${nameOf.get(s)}`).join(', ')}`);
      out.push(`  placed:   ${r.placed ? Object.entries(r.got).map(([s, q]) => `${showQty(s, q)} ${nameOf.get(s)}`).join(', ') || '(empty)' : '(no order)'}` +
        (r.placed ? ` [${r.fulfilment}${r.address ? `, ${r.address}` : ''}]` : ''));
      out.push('  transcript:', ...r.transcript);
      if (r.error) out.push(`  error: ${r.error}`);
    }
    console.log(out.join('\n'));

    expect(fragments.map((f) => `${f.id}: "${f.quoted}"`), 'bot replies that quote non-product words as a product').toEqual([]);
    expect(right.length, `everyday dialogues right (see the transcripts above)`).toBeGreaterThanOrEqual(PASS_MARK);
  }, 600_000);
});
