// The phrasing corpus (test/understanding/corpus) through the offline rules: how many of its messages the
// rules are unsure of (those go to Gemini when a key is set), the interpret time per message, and whether
// the time stays linear in the message's length. `npm run bench` prints these and writes them into
// docs/understanding.md between its figure markers. Runnable alone: `node --import tsx scripts/bench/corpus.ts`.
import { readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { needsModel } from '../../src/understanding/gemini/needs-model';
import { RulesInterpreter } from '../../src/understanding/rules/index';
import { contextOf, faq, fits, loadCorpus, productsOf } from '../../test/understanding/corpus/corpus';
import { percentile } from './load';
import { ms, table, type Row } from './report';

export interface CorpusFigures {
  messages: number;
  right: number;
  toModel: number;
  p50Ms: number;
  p99Ms: number;
  /** Time per character at the longest length over time per character at the shortest: about 1 when linear. */
  growth: number;
  lengths: { chars: number; ms: number }[];
}

export async function corpusFigures(rounds = 5): Promise<CorpusFigures> {
  const made = new Map<string, RulesInterpreter>();
  const rulesFor = (catalog?: string) => {
    if (!made.has(catalog ?? '')) made.set(catalog ?? '', new RulesInterpreter(productsOf({ catalog }), faq));
    return made.get(catalog ?? '')!;
  };
  const rules = rulesFor();
  const corpus = loadCorpus();
  let toModel = 0;
  let right = 0;
  const times: number[] = [];
  for (let round = 0; round < rounds; round += 1) {
    for (const e of corpus) {
      const ctx = contextOf(e);
      const t = performance.now();
      const read = await rulesFor(e.catalog).interpret(e.say, ctx);
      times.push(performance.now() - t);
      if (round > 0) continue;
      if (read.type === 'unknown' || needsModel(read, ctx)) toModel += 1;
      if (fits(read, e.expect, ctx)) right += 1;
    }
  }
  // Linear in the length: one long order made of corpus phrasing, read at growing lengths (best of 5 each).
  const unit = 'could you put two packs of spaghetti on my list, a tin of beans for my dad, and 3 lemons please. ';
  const lengths = [];
  for (const copies of [1, 2, 4, 8]) {
    const text = unit.repeat(copies).slice(0, 1000);
    let best = Infinity;
    for (let r = 0; r < 5; r += 1) {
      const t = performance.now();
      await rules.interpret(text, {});
      best = Math.min(best, performance.now() - t);
    }
    lengths.push({ chars: text.length, ms: best });
  }
  const first = lengths[0]!;
  const last = lengths[lengths.length - 1]!;
  return {
    messages: corpus.length, right, toModel,
    p50Ms: percentile(times, 0.5), p99Ms: percentile(times, 0.99),
    growth: (last.ms / last.chars) / (first.ms / first.chars), lengths,
  };
}

export function corpusRows(f: CorpusFigures): Row[] {
  return [
    { what: `phrasing corpus: read right by the rules alone (${f.messages} messages)`, figure: `${f.right} (${((f.right / f.messages) * 100).toFixed(1)} %)`, target: '' },
    { what: 'phrasing corpus: share the rules send to the model (unsure)', figure: `${f.toModel} (${((f.toModel / f.messages) * 100).toFixed(1)} %)`, target: '' },
    { what: 'phrasing corpus: interpret time per message', figure: `p50 ${ms(f.p50Ms)}, p99 ${ms(f.p99Ms)}`, target: '' },
    {
      what: 'interpret time against length (one long order)',
      figure: `${f.lengths.map((l) => `${l.chars} chars ${ms(l.ms)}`).join(', ')}; per char ${f.growth.toFixed(2)} × the shortest's`,
      target: 'linear (≈ 1 ×, ≤ 3 ×)', met: f.growth <= 3,
    },
  ];
}

const START = '<!-- bench:understanding:start -->';
const END = '<!-- bench:understanding:end -->';

/** Rewrites the figures between the markers of docs/understanding.md, leaving the rest as written. */
export function writeToDocs(rows: Row[], when: string): void {
  const path = new URL('../../docs/understanding.md', import.meta.url);
  const doc = readFileSync(path, 'utf8');
  const at = doc.indexOf(START);
  const end = doc.indexOf(END);
  if (at < 0 || end < at) return;
  const body = [`Measured by \`scripts/bench/corpus.ts\` (part of \`npm run bench\`) on ${when}.`, '', table(rows)].join('\n');
  writeFileSync(path, `${doc.slice(0, at + START.length)}\n${body}\n${doc.slice(end)}`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const rows = corpusRows(await corpusFigures());
  for (const r of rows) console.log(`${r.what}: ${r.figure}`);
}
