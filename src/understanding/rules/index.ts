import type { Product } from '../../domain/types';
import type { Intent, InterpretContext, Interpreter } from '../interpreter';
import { classify, type FaqEntry, type Vocabulary } from './intents';
import { ProductMatcher, phraseTokens } from './matcher';
import { normalize } from './text';

/** Other words customers use for a category, by a word of its name. A Map: an admin's "Constructor" category is just a name. */
const CATEGORY_SYNONYMS = new Map<string, string[]>([
  ['vegetable', ['veg', 'veggie', 'greens', 'vegetable']],
  ['fruit', ['fruit']],
  ['drink', ['beverage', 'drink', 'soft drink']],
  ['snack', ['snack', 'sweet', 'treat']],
  ['household', ['cleaning', 'household', 'home']],
  ['meat', ['meat', 'fish', 'butcher']],
  ['pantry', ['pantry', 'grocery', 'dry goods', 'tin', 'canned']],
  ['frozen', ['frozen', 'freezer']],
  ['dairy', ['dairy']],
  ['bakery', ['bakery', 'bread']],
  ['breakfast', ['breakfast']],
  ['personal', ['toiletry', 'personal care', 'hygiene']],
  ['baby', ['baby']],
  ['pet', ['pet']],
]);

/**
 * The longest message the interpreter reads (the engine refuses longer ones first); a caller that forgets
 * to check still gets an answer in bounded time.
 */
export const MAX_INTERPRETED_CHARS = 1000;

export function categoryVocabulary(products: Product[]): Map<string, string[][]> {
  const out = new Map<string, string[][]>();
  for (const name of new Set(products.map((p) => p.category))) {
    const own = phraseTokens(name);
    const extra = own.flatMap((w) => (CATEGORY_SYNONYMS.get(w) ?? []).map(phraseTokens));
    out.set(name, [own, ...extra]);
  }
  return out;
}

/** The offline interpreter: deterministic rules over the current catalog. */
export class RulesInterpreter implements Interpreter {
  private vocabulary: Vocabulary;

  constructor(products: Product[], private faq: FaqEntry[]) {
    this.vocabulary = this.build(products);
  }

  /** Called when the catalog changes, so new products and aliases are understood at once. */
  setCatalog(products: Product[]): void {
    this.vocabulary = this.build(products);
  }

  private build(products: Product[]): Vocabulary {
    return { matcher: new ProductMatcher(products), categories: categoryVocabulary(products), faq: this.faq };
  }

  async interpret(text: string, context: InterpretContext): Promise<Intent> {
    return classify(normalize(text.slice(0, MAX_INTERPRETED_CHARS)), context, this.vocabulary);
  }
}
