import { MAX_MESSAGE_CHARS, type Product } from '../../domain/types';
import type { Intent, InterpretContext, Interpreter } from '../interpreter';
import { understand } from './context';
import type { FaqEntry, Vocabulary } from './intents';
import { FaqIndex } from './faq';
import { ProductMatcher, phraseTokens } from './matcher';

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

  private faqIndex: FaqIndex;

  constructor(products: Product[], private faq: FaqEntry[]) {
    this.faqIndex = new FaqIndex(faq);
    this.vocabulary = this.build(products);
  }

  /** Called when the catalog changes, so new products and aliases are understood at once. */
  setCatalog(products: Product[]): void {
    this.vocabulary = this.build(products);
  }

  /** Called when the FAQ changes (the owner's settings), so its topics are matched at once. */
  setFaq(faq: FaqEntry[]): void {
    this.faq = faq;
    this.faqIndex = new FaqIndex(faq);
    this.vocabulary = { ...this.vocabulary, faq: this.faqIndex };
  }

  /** The product matcher over the current catalog (Gemini's grounding picks its candidates with it). */
  get matcher(): ProductMatcher {
    return this.vocabulary.matcher;
  }

  /** The FAQ's topics, in the order the FAQ lists them. */
  get faqTopics(): string[] {
    return this.faq.map((f) => f.topic);
  }

  private build(products: Product[]): Vocabulary {
    return { matcher: new ProductMatcher(products), products: new Map(products.map((p) => [p.sku, p])), categories: categoryVocabulary(products), faq: this.faqIndex };
  }

  async interpret(text: string, context: InterpretContext): Promise<Intent> {
    // Read at most the message limit (the engine refuses longer ones first), so any caller's cost is bounded.
    return understand(text.slice(0, MAX_MESSAGE_CHARS), context, this.vocabulary);
  }
}
