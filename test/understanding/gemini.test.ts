import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config';
import { buildCore, type Core } from '../../src/core';
import { createMetrics, type Metrics } from '../../src/http/metrics';
import { MemoryStore } from '../../src/store/memory';
import type { Intent, InterpretContext } from '../../src/understanding/interpreter';
import { MAX_CANDIDATES } from '../../src/understanding/gemini/grounding';
import { startFakeGemini } from '../fakes/gemini-api';
import { counterIds, ManualClock, silentLog } from '../helpers';

type Fake = Awaited<ReturnType<typeof startFakeGemini>>;
let gemini: Fake;
let core: Core;
let clock: ManualClock;
let metrics: Metrics;

async function start(env: Record<string, string> = {}) {
  clock = new ManualClock();
  metrics = createMetrics();
  core = await buildCore(loadConfig({ GEMINI_API_KEY: 'test-key', GEMINI_BASE_URL: gemini.url, ...env }), silentLog, {
    store: new MemoryStore(clock), clock, ids: counterIds(), observer: metrics.observer,
  });
}

beforeEach(async () => { gemini = await startFakeGemini(); await start(); });
afterEach(async () => { await gemini.close(); });

const ORDERING: InterpretContext = {};
const say = (text: string, context: InterpretContext = ORDERING) => core.interpreter.interpret(text, context);
const rulesSay = (text: string, context: InterpretContext = ORDERING) => core.rules.interpret(text, context);

/** A metric's value from the Prometheus text, 0 when absent. */
async function metric(name: string, labels = ''): Promise<number> {
  const text = await metrics.registry.metrics();
  const line = text.split('\n').find((l) => l.startsWith(`${name}${labels ? `{${labels}}` : ''} `));
  return line ? Number(line.split(' ').at(-1)) : 0;
}

describe('Gemini on top of the rules', () => {
  it('is not asked when the rules are confident', async () => {
    expect(await say('2 avocados')).toMatchObject({ type: 'add', items: [{ match: { kind: 'product', sku: 'FRU-AVO' } }] });
    expect(await say('check out')).toEqual({ type: 'checkout' });
    expect(await say('three', { asking: { kind: 'how_many', sku: 'FRU-AVO' } })).toMatchObject({ type: 'quantity' });
    expect(gemini.requests).toHaveLength(0);
    expect(await metric('grocer_gemini_calls_total', 'outcome="ok"')).toBe(0);
  });

  it('sends the question asked, the options, the cart and a few candidates, never the catalog', async () => {
    gemini.reply({ output: { type: 'add', items: [{ words: 'boxes of cereal', sku: 'BRE-CRN', count: 2 }] } });
    const context: InterpretContext = {
      asking: { kind: 'how_many', sku: 'FRU-AVO' },
      options: [{ id: 'checkout', label: 'Check out' }, { id: 'cart', label: 'My cart' }],
      cart: [{ sku: 'DAI-EGG', name: 'Free-Range Eggs', qty: 12 }],
    };
    const intent = await say('can I get too boxes of the crunchy cereal thing', context);
    expect(intent).toEqual({ type: 'add', items: [{ query: 'boxes of cereal', quantity: { kind: 'count', value: 2 }, match: { kind: 'product', sku: 'BRE-CRN' } }] });

    expect(gemini.requests).toHaveLength(1);
    const [request] = gemini.requests;
    expect(request!.path).toBe('/v1beta/models/gemini-2.5-flash:generateContent');
    expect(request!.apiKey).toBe('test-key');
    const g = request!.grounding;
    expect(g).toMatchObject({ message: 'can I get too boxes of the crunchy cereal thing', asking: { kind: 'how_many', sku: 'FRU-AVO' }, options: context.options, cart: context.cart });
    const skus = g.candidates.map((c: { sku: string }) => c.sku);
    expect(skus).toEqual(expect.arrayContaining(['BRE-CRN', 'SNA-GRB', 'FRU-AVO']));
    expect(g.candidates.find((c: { sku: string }) => c.sku === 'BRE-CRN')).toEqual({ sku: 'BRE-CRN', name: 'Corn Flakes (500 g)', unit: 'each', priceCents: expect.any(Number) });
    expect(g.categories).toEqual(expect.arrayContaining(['Breakfast & Cereal', 'Dairy & Eggs']));
    // The catalog has 183 products; the request names only the candidates and what is in the cart.
    const catalog = [...core.catalog.products().values()];
    const body = JSON.stringify(request!.body);
    const named = catalog.filter((p) => body.includes(p.name)).map((p) => p.sku).sort();
    expect(catalog.length).toBeGreaterThan(150);
    expect(named).toEqual([...skus, 'DAI-EGG'].sort());
    expect(skus.length).toBeLessThanOrEqual(MAX_CANDIDATES);
    // Structured output: JSON, with the schema generated from the zod schema.
    const config = request!.body.generationConfig;
    expect(config.responseMimeType).toBe('application/json');
    expect(config.responseJsonSchema.properties.type.enum).toContain('add');
    expect(await metric('grocer_gemini_calls_total', 'outcome="ok"')).toBe(1);
    expect(await metric('grocer_gemini_tokens_total', 'kind="prompt"')).toBeGreaterThan(100);
    expect(await metric('grocer_gemini_tokens_total', 'kind="output"')).toBeGreaterThan(5);
    expect(await metric('grocer_gemini_latency_seconds_count')).toBe(1);
  });

  it('reads an answer to its own question in context: "ooh go on, three of those then" to "how many?"', async () => {
    gemini.reply({ output: { type: 'quantity', count: 3 } });
    const context: InterpretContext = { asking: { kind: 'how_many', sku: 'FRU-MAN' } };
    // The rules read "lovely, three then" themselves now, but not this.
    expect(await rulesSay('ooh go on, three of those then', context)).toMatchObject({ type: 'unknown' });
    expect(await say('ooh go on, three of those then', context)).toEqual({ type: 'quantity', quantity: { kind: 'count', value: 3 } });
    expect(gemini.requests[0]!.grounding.candidates.map((c: { sku: string }) => c.sku)).toContain('FRU-MAN');
  });

  it('drops a SKU the store does not sell: the item keeps its words and matches nothing', async () => {
    gemini.reply({ output: { type: 'add', items: [{ words: 'kiwano melon', sku: 'FRU-KIW-ANO', count: 2 }, { words: 'avocado', sku: 'FRU-AVO', count: 1 }] } });
    expect(await say('2 kiwano and an avocado pls thx lol')).toEqual({
      type: 'add', items: [
        { query: 'kiwano melon', quantity: { kind: 'count', value: 2 }, match: { kind: 'none' } },
        { query: 'avocado', quantity: { kind: 'count', value: 1 }, match: { kind: 'product', sku: 'FRU-AVO' } },
      ],
    });
  });

  it('drops an out-of-range quantity (the bot will ask how many) but keeps the product', async () => {
    gemini.reply({ output: { type: 'add', items: [{ words: 'rye', sku: 'BAK-RYE', count: 1e9 }, { words: 'limes', sku: 'FRU-LIM', count: -2 }, { words: 'carrots', sku: 'VEG-CAR', grams: 2.5 }] } });
    const intent = await say('loads of rye, minus two limes and a bit of carrot idk') as Extract<Intent, { type: 'add' }>;
    expect(intent.type).toBe('add');
    expect(intent.items.map((i) => [i.match, i.quantity])).toEqual([
      [{ kind: 'product', sku: 'BAK-RYE' }, { kind: 'none' }],
      [{ kind: 'product', sku: 'FRU-LIM' }, { kind: 'none' }],
      [{ kind: 'product', sku: 'VEG-CAR' }, { kind: 'none' }],
    ]);
  });

  it('takes an option only if it was on offer', async () => {
    const options = [{ id: 'pick:DAI-MLK-OAT', label: 'Oat Milk (1 L)' }, { id: 'pick:DAI-MLK-WHL', label: 'Whole Milk (1 L)' }];
    gemini.reply({ output: { type: 'option', optionId: 'pick:DAI-MLK-WHL' } }, { output: { type: 'option', optionId: 'pick:FAKE' } });
    expect(await say('the normal one i guess', { options })).toEqual({ type: 'option', id: 'pick:DAI-MLK-WHL' });
    expect(await say('the normal one i guess', { options })).toEqual(await rulesSay('the normal one i guess', { options }));
  });

  it('holds its names and addresses to the rules’ checks: a command or a product is no name, a phrase no address (attack 6)', async () => {
    const asked: InterpretContext = { asking: { kind: 'name' }, nameAsks: 1 };
    const rules = await rulesSay('uhh what do you mean', asked);
    gemini.reply(
      { output: { type: 'name', text: 'check out' } },
      { output: { type: 'name', text: 'milk' } },
      { output: { type: 'name', text: 'ana maria' } },
      { output: { type: 'name', text: 'Ana' } },
    );
    expect(await say('uhh what do you mean', asked)).toEqual(rules);
    expect(await say('uhh what do you mean', asked)).toEqual(rules);
    expect(await say('uhh what do you mean', asked)).toEqual({ type: 'name', name: 'Ana Maria' });
    // A name only when one was asked for.
    expect(await say('uhh what do you mean')).toEqual(await rulesSay('uhh what do you mean'));
    expect(gemini.requests).toHaveLength(4);

    const address: InterpretContext = { asking: { kind: 'address' } };
    const rulesAddress = await rulesSay('hmm', address);
    expect(['unknown', 'smalltalk']).toContain(rulesAddress.type);
    gemini.reply(
      { output: { type: 'address', text: 'nice' } },
      { output: { type: 'address', text: 'x'.repeat(500) } },
      { output: { type: 'delivery', text: 'show my cart' } },
      { output: { type: 'address', text: '7 Mill Lane' } },
    );
    expect(await say('hmm', address)).toEqual(rulesAddress);
    expect(await say('hmm', address)).toEqual(rulesAddress);
    expect(await say('hmm', address)).toEqual(rulesAddress);
    expect(await say('hmm', address)).toEqual({ type: 'address', address: '7 Mill Lane' });
  });

  describe('when Gemini cannot help, the rules answer stands', () => {
    const text = 'some of that rye my nan likes';

    it('on an HTTP error', async () => {
      gemini.reply({ status: 500 });
      expect(await say(text)).toEqual(await rulesSay(text));
      expect(gemini.requests).toHaveLength(1);
      expect(await metric('grocer_gemini_calls_total', 'outcome="error"')).toBe(1);
      expect(await metric('grocer_gemini_fallbacks_total', 'reason="error"')).toBe(1);
    });

    it('on output that is not JSON', async () => {
      gemini.reply({ text: 'Sure! Here is your JSON: {type: add' });
      expect(await say(text)).toEqual(await rulesSay(text));
      expect(await metric('grocer_gemini_fallbacks_total', 'reason="invalid"')).toBe(1);
    });

    it('on JSON that breaks the schema', async () => {
      gemini.reply({ output: { type: 'dance', items: 'rye' } }, { output: { type: 'add', items: [{ sku: 'BAK-RYE' }] } });
      expect(await say(text)).toEqual(await rulesSay(text));
      expect(await say(text)).toEqual(await rulesSay(text));
      expect(await metric('grocer_gemini_calls_total', 'outcome="invalid"')).toBe(2);
    });

    it('on a timeout: the answer comes when the timeout is up, while Gemini still has not answered', async () => {
      await gemini.close();
      gemini = await startFakeGemini();
      await start({ GEMINI_TIMEOUT_MS: '200' });
      gemini.reply('hold');
      const answered = await say(text);
      // The fake got the call and is still holding it: the answer cannot have come from Gemini.
      expect(gemini.requests).toHaveLength(1);
      expect(answered).toEqual(await rulesSay(text));
      expect(await metric('grocer_gemini_calls_total', 'outcome="timeout"')).toBe(1);
      expect(await metric('grocer_gemini_fallbacks_total', 'reason="timeout"')).toBe(1);
      gemini.release();
    });

    it('with the breaker open after 5 failures in a row, then one trial call after 30 s', async () => {
      gemini.reply(...Array.from({ length: 5 }, () => ({ status: 503 })));
      for (let i = 0; i < 5; i += 1) await say(text);
      expect(gemini.requests).toHaveLength(5);
      // Open: no call is made at all.
      expect(await say(text)).toEqual(await rulesSay(text));
      expect(gemini.requests).toHaveLength(5);
      expect(await metric('grocer_gemini_fallbacks_total', 'reason="breaker_open"')).toBe(1);
      clock.advance(0.4);
      await say(text);
      expect(gemini.requests).toHaveLength(5);
      // Half-open after 30 s: one call; it fails, so the breaker opens again at once.
      clock.advance(0.1);
      gemini.reply({ status: 500 });
      await say(text);
      expect(gemini.requests).toHaveLength(6);
      await say(text);
      expect(gemini.requests).toHaveLength(6);
      // Another 30 s: the trial succeeds and the breaker closes.
      clock.advance(0.5);
      gemini.reply({ output: { type: 'add', items: [{ words: 'rye', sku: 'BAK-RYE' }] } });
      expect(await say(text)).toMatchObject({ type: 'add', items: [{ match: { kind: 'product', sku: 'BAK-RYE' } }] });
      gemini.reply({ output: { type: 'add', items: [{ words: 'rye', sku: 'BAK-RYE' }] } });
      await say(text);
      expect(gemini.requests).toHaveLength(8);
      expect(await metric('grocer_gemini_fallbacks_total', 'reason="breaker_open"')).toBe(3);
    });
  });

  it('is off without GEMINI_API_KEY: the rules alone, nothing sent', async () => {
    const plain = await buildCore(loadConfig({ GEMINI_BASE_URL: gemini.url }), silentLog, { store: new MemoryStore(), clock: new ManualClock(), ids: counterIds() });
    expect(plain.interpreter).toBe(plain.rules);
    await plain.interpreter.interpret('some of that rye stuff', ORDERING);
    expect(gemini.requests).toHaveLength(0);
  });
});
