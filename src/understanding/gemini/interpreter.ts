import { MAX_MESSAGE_CHARS, type Clock, type MediaPart, type Product } from '../../domain/types';
import type { Observer } from '../../observe';
import type { Intent, InterpretContext, Interpreter } from '../interpreter';
import type { RulesInterpreter } from '../rules/index';
import type { FaqEntry } from '../rules/intents';
import type { ProductMatcher } from '../rules/matcher';
import { CircuitBreaker, type BreakerOptions } from './breaker';
import { checkedWords } from './checked';
import { GeminiClient, type GeminiSettings } from './client';
import { grounding, type CatalogView } from './grounding';
import { needsModel } from './needs-model';
import { toIntent } from './to-intent';

export interface GeminiInterpreterOptions {
  rules: RulesInterpreter;
  settings: GeminiSettings;
  clock: Clock;
  observer?: Observer;
  breaker?: BreakerOptions;
}

function view(products: Product[], matcher: ProductMatcher, faqTopics: string[]): CatalogView {
  return {
    products: new Map(products.map((p) => [p.sku, p])),
    matcher,
    categories: [...new Set(products.map((p) => p.category))].sort(),
    faqTopics,
  };
}

/**
 * The rules first; Gemini only when they are unsure (see needsModel). Gemini gets the dialogue's state and a
 * few candidate products, never the catalog, and its answer is checked against the catalog before it is
 * used. Whenever Gemini cannot help in time (timeout, error, invalid answer, breaker open) the rules' intent
 * stands.
 */
export class GeminiInterpreter implements Interpreter {
  private client: GeminiClient;
  private breaker: CircuitBreaker;
  private catalog: CatalogView;

  constructor(private o: GeminiInterpreterOptions) {
    this.catalog = view([], o.rules.matcher, o.rules.faqTopics);
    this.client = new GeminiClient(o.settings);
    this.breaker = new CircuitBreaker(o.clock, o.breaker);
  }

  /** Called when the catalog changes, like the rules interpreter's (which it forwards to). */
  setCatalog(products: Product[]): void {
    this.o.rules.setCatalog(products);
    // The rules' own matcher, built once per catalog, rather than a second one over the same products.
    this.catalog = view(products, this.o.rules.matcher, this.o.rules.faqTopics);
  }

  /** Called when the FAQ changes (the owner's settings), like setCatalog. */
  setFaq(entries: FaqEntry[]): void {
    this.o.rules.setFaq(entries);
    this.catalog = { ...this.catalog, faqTopics: this.o.rules.faqTopics };
  }

  async interpret(text: string, context: InterpretContext, media?: MediaPart[]): Promise<Intent> {
    const rules = await this.o.rules.interpret(text, context);
    if (!needsModel(rules, context, media)) return rules;
    const fallback = (reason: 'timeout' | 'error' | 'invalid' | 'breaker_open') => {
      this.o.observer?.gemini?.({ kind: 'fallback', reason });
      return rules;
    };
    if (!this.breaker.allow()) return fallback('breaker_open');
    const started = performance.now();
    // Never more than the engine reads (it refuses longer messages first): the request's size stays bounded.
    const said = text.slice(0, MAX_MESSAGE_CHARS);
    const result = await this.client.ask(said, grounding(said, context, rules, this.catalog), media);
    const seconds = (performance.now() - started) / 1000;
    if (!result.ok) {
      this.breaker.failed();
      this.o.observer?.gemini?.({ kind: 'call', outcome: result.reason, seconds });
      return fallback(result.reason);
    }
    this.breaker.succeeded();
    this.o.observer?.gemini?.({ kind: 'call', outcome: 'ok', seconds, tokens: result.tokens });
    const read = toIntent(result.answer, context, this.catalog, media);
    return (read && (await checkedWords(read, context, this.o.rules))) ?? rules;
  }
}
