// How often Gemini would be asked, measured on the project's own phrases: the parsing table
// (test/understanding/parsing.test.ts, each phrase alone while ordering) and the dialogues of
// test/engine/dialogue.test.ts (each test's messages replayed in order through a real engine, so the
// question on the table is real). Gemini is on, against the local fake (which answers
// "unknown", so the rules' answers stand and the dialogues go as they do offline); the fake measures each
// request's size, from which the tokens and the cost per 1,000 messages follow.
//
//   npx tsx scripts/gemini-call-rate.ts
import { readFileSync } from 'node:fs';
import { loadConfig } from '../src/config';
import { buildCore } from '../src/core';
import { MemoryStore } from '../src/store/memory';
import { createLogger } from '../src/log';
import type { InterpretContext } from '../src/understanding/interpreter';
import { needsModel } from '../src/understanding/gemini/needs-model';
import { startFakeGemini, tokensOf } from '../test/fakes/gemini-api';

/** Gemini 2.5 Flash list prices, US$ per million tokens (paid tier, text/image input; audio input is $1.00). */
const PRICE = { input: 0.30, output: 2.50 };
/** A typical answer: `{"type":"add","items":[{"words":"loaves of rye","sku":"BAK-RYE","count":2}]}` and a little more. */
const OUTPUT_TOKENS = 40;

const unquote = (s: string) => s.replace(/\\(.)/g, '$1');

/** The phrases of the parsing table: the first string of each `['phrase', 'reading']` row. */
function parsingPhrases(): string[] {
  const text = readFileSync(new URL('../test/understanding/parsing.test.ts', import.meta.url), 'utf8');
  return [...text.matchAll(/^\s*\['((?:[^'\\]|\\.)*)',\s*'/gm)].map((m) => unquote(m[1]!));
}

/** Each dialogue test's messages, in order: the string arguments of `say(…)` between one `it(` and the next. */
function dialogues(): string[][] {
  const text = readFileSync(new URL('../test/engine/dialogue.test.ts', import.meta.url), 'utf8');
  return text.split(/\n\s*it\(/).slice(1).map((block) => [...block.matchAll(/\bsay\(\s*'((?:[^'\\]|\\.)*)'/g)].map((m) => unquote(m[1]!)))
    .filter((msgs) => msgs.length > 0);
}

const log = createLogger('silent');
const gemini = await startFakeGemini();
const config = loadConfig({ GEMINI_API_KEY: 'measure', GEMINI_BASE_URL: gemini.url });

async function core() {
  const c = await buildCore(config, log, { store: new MemoryStore() });
  let interpreted = 0;
  const interpret = c.interpreter.interpret.bind(c.interpreter);
  c.interpreter.interpret = (text, ctx, media) => { interpreted += 1; return interpret(text, ctx, media); };
  return { c, count: () => interpreted };
}

// The parsing table: each phrase alone, while ordering.
const table = parsingPhrases();
const { c: tableCore } = await core();
const ordering: InterpretContext = {};
let tableCalls = 0;
for (const phrase of table) if (needsModel(await tableCore.rules.interpret(phrase, ordering), ordering)) tableCalls += 1;

// The dialogues, through the engine.
let messages = 0;
let interpreted = 0;
const before = gemini.requests.length;
for (const [n, msgs] of dialogues().entries()) {
  const { c, count } = await core();
  for (const text of msgs) await c.engine.handle({ channel: 'web', phone: `+1202555${String(1000 + n).padStart(4, '0')}`, text });
  messages += msgs.length;
  interpreted += count();
}
const dialogueCalls = gemini.requests.length - before;
const sizes = gemini.requests.map((r) => tokensOf(r.chars));
const promptTokens = Math.round(sizes.reduce((a, b) => a + b, 0) / Math.max(1, sizes.length));
await gemini.close();

const rate = dialogueCalls / messages;
const costPer1000 = 1000 * rate * (promptTokens * PRICE.input + OUTPUT_TOKENS * PRICE.output) / 1e6;
const pct = (a: number, b: number) => `${((100 * a) / b).toFixed(1)}%`;
console.log(`parsing table: ${tableCalls} of ${table.length} phrases would ask Gemini (${pct(tableCalls, table.length)})`);
console.log(`dialogues: ${dialogueCalls} calls for ${messages} messages (${interpreted} interpreted) = ${pct(dialogueCalls, messages)} of messages`);
console.log(`request size: ${promptTokens} prompt tokens on average (fake's estimate, 4 characters a token); answer assumed ${OUTPUT_TOKENS} tokens`);
console.log(`cost: $${costPer1000.toFixed(4)} per 1,000 messages at $${PRICE.input}/M input and $${PRICE.output}/M output tokens`);
