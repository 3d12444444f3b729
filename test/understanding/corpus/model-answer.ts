// What a perfect model answers for a corpus entry: the expected reading in Gemini's answer schema, naming a
// SKU only when the grounding offered it as a candidate (as the real model is told to).
import type { Answer, AnswerItem } from '../../../src/understanding/gemini/answer';
import type { InterpretContext } from '../../../src/understanding/interpreter';
import type { Expected, ExpectedItem } from './corpus';
import { productsOf } from './corpus';

const names = new Map<string, string>();
/** Names the SKUs of the catalog an entry is read against (once per catalog). */
export function knowNames(catalog?: string): void {
  for (const p of productsOf({ catalog })) names.set(p.sku, p.name);
}
const item = (sku: string, amount: Omit<ExpectedItem, 'sku'> = {}): AnswerItem => ({
  words: names.get(sku) ?? sku, sku,
  ...(amount.qty !== undefined ? { count: amount.qty } : {}), ...(amount.grams !== undefined ? { grams: amount.grams } : {}),
});

export function modelAnswer(want: Expected, ctx: InterpretContext): Answer {
  switch (want.type) {
    case 'add': return { type: 'add', items: want.items.map((i) => item(i.sku, i)) };
    case 'remove': return { type: 'remove', items: want.skus.map((s) => item(s)) };
    case 'set_qty': return { type: 'set_qty', items: [item(want.sku)], count: want.qty };
    case 'replace': return { type: 'replace', items: [item(want.from), item(want.to)] };
    case 'ask': return { type: want.about === 'price' ? 'ask_price' : 'ask_stock', items: want.skus.map((s) => item(s)) };
    case 'address': return { type: 'address', text: want.address };
    case 'name': return { type: 'name', text: want.name };
    case 'faq': return { type: 'faq', topic: want.topic };
    case 'browse': return { type: 'browse', ...(want.category ? { category: want.category } : {}) };
    case 'empty_cart': return { type: 'empty_cart' };
    case 'complaint': return { type: 'complaint', complaint: 'other' };
    case 'unsure': return { type: 'unknown' };
    case 'multi': {
      const name = want.parts.find((p) => p.type === 'name');
      const address = want.parts.find((p) => p.type === 'address');
      const rest = want.parts.find((p) => p.type !== 'name' && p.type !== 'address');
      const main: Answer = rest ? modelAnswer(rest, ctx) : name ? { type: 'name', text: name.name } : { type: 'unknown' };
      return {
        ...main,
        ...(name && main.type !== 'name' ? { alsoName: name.name } : {}),
        ...(address ? { alsoAddress: address.address } : {}),
      };
    }
    default: return { type: want.type };
  }
}
