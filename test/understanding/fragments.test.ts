// A property over the whole phrasing corpus, through the engine: whatever a customer says, a reply never
// names a fragment of their sentence as a product ("Sorry, we don't carry “please could you”"). A product we
// lack may be named back ("we don't carry “kumara”"), but only words that read as a thing.
import { describe, expect, it } from 'vitest';
import { customer, makeCore, registered } from '../helpers';
import { loadCorpus } from './corpus/corpus';

/** Words of English grammar and chat: none of them is ever the name of something on a shelf. */
const GRAMMAR = new Set(`a an the this that these those my your our his her their its me you him us them it i we they he she
to for from onto into on in at of off out with without by about as and or but so if then than please pls plz could would
can will shall should may might must do does did is are was were be been am have has had get got put add take give bring
send list order basket cart trolley shopping what which who where when why how there here some any more much many all
just only also too very really thanks thank cheers ok okay yes yeah no not dont don't mum mom dad wife husband kids
family party dinner lunch tonight tomorrow today week weekend please instead after anymore again`.split(/\s+/));

const QUOTED = /(?:don’t carry|couldn’t find|didn’t catch) “([^”]*)”/g;

describe('replies never name a fragment of the sentence as a product', () => {
  it('over every message of the corpus, in its stage, with its cart', async () => {
    const core = await makeCore();
    const corpus = loadCorpus().filter((e) => (e.at ?? 'ordering') === 'ordering' || e.at === 'placed' || e.at === 'checkout_confirm');
    const bad: string[] = [];
    let n = 0;
    for (const e of corpus) {
      const phone = `+1202555${String(1000 + n++).padStart(4, '0')}`;
      const c = await registered(core, phone);
      for (const sku of e.cart ?? []) await core.inventory.setLine(phone, sku, 1, `seed-${phone}-${sku}`);
      if (e.at === 'checkout_confirm' || e.at === 'placed') {
        await c.say('a lemon');
        await c.say('check out');
        await c.say('pickup');
        if (e.at === 'placed') await c.say('yes');
      }
      const reply = await c.say(e.say);
      for (const m of reply.matchAll(QUOTED)) {
        const said = m[1]!.toLowerCase().split(/[^a-z'’]+/).filter(Boolean);
        if (said.length === 0 || said.length > 4 || said.some((w) => GRAMMAR.has(w))) bad.push(`"${e.say}" → ${m[0]}`);
      }
    }
    expect(bad, bad.join('\n')).toEqual([]);
  }, 120_000);

  it('a message of nothing but politeness and grammar gets a question back, not a product', async () => {
    const core = await makeCore();
    const c = customer(core, '+12025550999');
    await registered(core, '+12025550999');
    for (const said of ['please could you', 'for my dad', 'onto my list please', 'can you do that for me', 'i was wondering if you could']) {
      expect(await c.say(said), said).not.toMatch(QUOTED);
    }
  });
});
