import type { Pending, SaidQuantity, Stage } from '../domain/types';

export type { SaidQuantity };

export type ProductMatch =
  | { kind: 'product'; sku: string }
  | { kind: 'ambiguous'; skus: string[] }
  | { kind: 'none'; suggestions?: string[] };

export interface ItemRequest {
  /** The words that named the product, for replies like "I couldn't find 'kiwano'". */
  query: string;
  quantity: SaidQuantity;
  match: ProductMatch;
}

export type Intent =
  | { type: 'greet' }
  | { type: 'thanks' }
  | { type: 'help' }
  | { type: 'human' }
  | { type: 'restart' }
  | { type: 'yes' }
  | { type: 'no' }
  | { type: 'choose'; index: number }
  /** Only an amount: "two", "a dozen", "500 g"; answers "how many?". */
  | { type: 'quantity'; quantity: SaidQuantity }
  | { type: 'show_cart' }
  | { type: 'checkout' }
  | { type: 'status' }
  | { type: 'cancel_order'; orderId?: string }
  | { type: 'faq'; topic: string }
  | { type: 'browse'; category?: string }
  | { type: 'search'; query: string; skus: string[] }
  | { type: 'ask'; about: 'price' | 'stock'; items: ItemRequest[] }
  | { type: 'add'; items: ItemRequest[] }
  | { type: 'remove'; items: ItemRequest[] }
  /** "make it 3" (no item: the last one touched) or "change the milk to 2". */
  | { type: 'set_qty'; item?: ItemRequest; quantity: SaidQuantity }
  | { type: 'delivery' }
  | { type: 'deals' }
  | { type: 'pickup' }
  | { type: 'unknown'; text: string };

export interface InterpretContext {
  stage: Stage;
  pending?: Pending;
}

/**
 * Turns a customer's words into one intent. The rules interpreter is the offline default; an LLM
 * interpreter implements the same interface and drops in without the engine noticing.
 */
export interface Interpreter {
  interpret(text: string, context: InterpretContext): Promise<Intent>;
}
