import { describe, expect, it } from 'vitest';
import { BUNDLED_CATALOG, loadCatalog, toProduct } from '../../src/catalog/load';
import { DIET_CLAIMS } from '../../src/domain/tags';
import { answerJsonSchema, answerSchema } from '../../src/understanding/gemini/answer';
import { toIntent } from '../../src/understanding/gemini/to-intent';
import { ProductMatcher } from '../../src/understanding/rules/matcher';

// The model may say what the rules say about the food: the same intent, with the same claims.
const products = loadCatalog(BUNDLED_CATALOG).map(toProduct);
const catalog = { products: new Map(products.map((p) => [p.sku, p])), matcher: new ProductMatcher(products), categories: [...new Set(products.map((p) => p.category))], faqTopics: [] };

describe('the model\'s answers about the food', () => {
  it('the answer schema offers the diet type and every claim the rules know', () => {
    const props = (answerJsonSchema as { properties: Record<string, { enum?: string[] }> }).properties;
    expect(props.type!.enum).toContain('diet');
    expect(props.claim!.enum).toEqual([...DIET_CLAIMS]);
    expect(answerSchema.safeParse({ type: 'diet', claim: 'paleo' }).success).toBe(false);
  });

  it('reads one product, the last one talked about, and a list', () => {
    const one = toIntent(answerSchema.parse({ type: 'diet', claim: 'vegan', items: [{ words: 'oat milk', sku: 'DAI-MLK-OAT' }] }), {}, catalog);
    expect(one).toEqual({ type: 'diet', claim: 'vegan', about: { kind: 'product', item: { query: 'oat milk', quantity: { kind: 'none' }, match: { kind: 'product', sku: 'DAI-MLK-OAT' } } } });
    expect(toIntent(answerSchema.parse({ type: 'diet', claim: 'halal' }), {}, catalog)).toEqual({ type: 'diet', claim: 'halal', about: { kind: 'it' } });
    expect(toIntent(answerSchema.parse({ type: 'diet', claim: 'gluten-free', list: true, category: 'Bakery' }), {}, catalog))
      .toEqual({ type: 'diet', claim: 'gluten-free', about: { kind: 'list', category: 'Bakery' } });
    // A claim missing: nothing the engine could answer.
    expect(toIntent(answerSchema.parse({ type: 'diet' }), {}, catalog)).toBeUndefined();
  });
});
