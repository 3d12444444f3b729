// The answers to "Shall I tell you when it's back?" and to the notice "… is back. Add 1 to your cart?", in
// many voices: typed, texted, tapped, spoken. Yes and no are read as such; what is neither is left to the
// engine as the message it is (never guessed into an answer).
import { describe, expect, it } from 'vitest';
import { BUNDLED_CATALOG, BUNDLED_FAQ, loadCatalog, loadFaq, toProduct } from '../../src/catalog/load';
import type { Intent, InterpretContext } from '../../src/understanding/interpreter';
import { RulesInterpreter } from '../../src/understanding/rules/index';

const interpreter = new RulesInterpreter(loadCatalog(BUNDLED_CATALOG).map(toProduct), loadFaq(BUNDLED_FAQ));
const read = (text: string, context: InterpretContext): Promise<Intent> => interpreter.interpret(text, context);

const OFFER: InterpretContext = {
  asking: { kind: 'confirm_wish', sku: 'DAI-MLK-OAT' },
  options: [{ id: 'yes', label: 'Yes, tell me' }, { id: 'no', label: 'No thanks' }],
};
const NOTICE: InterpretContext = {
  asking: { kind: 'confirm_back', sku: 'DAI-MLK-OAT' },
  options: [{ id: 'add:DAI-MLK-OAT', label: 'Yes, add 1' }, { id: 'no', label: 'No thanks' }],
};

describe('answers to "Shall I tell you when it\'s back?"', () => {
  it.each([
    'yes', 'Yes please', 'yeah', 'yep', 'ya', 'sure', 'ok', 'okay thanks', 'yes tell me', 'yes pls', 'please do',
    'yes please let me know', 'YES', 'y', 'yes, text me', 'sure thing', 'go on then', 'uh yes please',
  ])('"%s" is yes', async (text) => {
    expect(yes(await read(text, OFFER))).toBe(true);
  });

  // "No thanks" is also the label of the option: either way it comes to the engine as a no.
  const no = (i: Intent) => i.type === 'no' || (i.type === 'option' && i.id === 'no');
  const yes = (i: Intent) => i.type === 'yes' || (i.type === 'option' && i.id === 'yes');

  it.each(['no', 'no thanks', 'nah', 'no thank you', 'nope', 'no thx', 'NO', 'not now', "don't bother", 'no need'])('"%s" is no', async (text) => {
    expect(no(await read(text, OFFER))).toBe(true);
  });

  it.each([['1', 'yes'], ['2', 'no'], ['option 1', 'yes'], ['Yes, tell me', 'yes'], ['No thanks', 'no']])('"%s" picks the option %s', async (text, id) => {
    const intent = await read(text, OFFER);
    expect(intent.type === 'option' ? intent.id : intent.type).toBe(id);
  });

  it('another request is that request, not an answer', async () => {
    expect(await read('2 limes please', OFFER)).toMatchObject({ type: 'add' });
    expect(await read('show my cart', OFFER)).toMatchObject({ type: 'show_cart' });
    expect(await read('checkout', OFFER)).toMatchObject({ type: 'checkout' });
  });
});

describe('answers to the notice "… is back in stock. Add 1 to your cart?"', () => {
  it.each(['yes', 'yes please', 'yeah go on', 'sure', 'ok', 'yes add it', 'please do', 'yes pls'])('"%s" is yes', async (text) => {
    expect(await read(text, NOTICE)).toMatchObject({ type: 'yes' });
  });

  it.each(['no', 'no thanks', 'nah', 'not now', 'no thx'])('"%s" is no', async (text) => {
    const intent = await read(text, NOTICE);
    expect(intent.type === 'no' || (intent.type === 'option' && intent.id === 'no')).toBe(true);
  });

  it.each([['1', 'add:DAI-MLK-OAT'], ['one', 'add:DAI-MLK-OAT'], ['2', 'no'], ['Yes, add 1', 'add:DAI-MLK-OAT']])('"%s" picks %s', async (text, id) => {
    expect(await read(text, NOTICE)).toMatchObject({ type: 'option', id });
  });

  it('the product by name, with an amount, is an add of it', async () => {
    const intent = await read('2 oat milk please', NOTICE);
    expect(intent).toMatchObject({ type: 'add', items: [{ match: { kind: 'product', sku: 'DAI-MLK-OAT' }, quantity: { kind: 'count', value: 2 } }] });
  });
});
