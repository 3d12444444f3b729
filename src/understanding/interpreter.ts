import type { Asking, MediaPart, Option, SaidQuantity } from '../domain/types';
import type { SlotWish } from '../domain/slots';
import type { DietClaim } from '../domain/tags';

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

/** What a question about the food is asked of. */
export type DietSubject =
  /** "is this halal", "is it vegan": the product last talked about. */
  | { kind: 'it' }
  /** "is the pesto vegan?": one product (its words may match none). */
  | { kind: 'product'; item: ItemRequest }
  /** "anything gluten free in bakery?", "which crisps have no nuts?": a shelf, the products some words name, or the whole shop. */
  | { kind: 'list'; category?: string; query?: string; skus?: string[] };

export type Intent =
  | { type: 'greet' }
  | { type: 'thanks' }
  | { type: 'help' }
  | { type: 'human' }
  | { type: 'restart' }
  | { type: 'yes' }
  | { type: 'no' }
  /** A bare number that picks none of the options on offer (out of range), or "2" with no options. */
  | { type: 'choose'; index: number }
  /** One of the options on offer, by its id: a number, a spoken number, a button, or its label. */
  | { type: 'option'; id: string }
  /** The customer's name, only when the bot asked for it (asking name). */
  | { type: 'name'; name: string }
  /** A delivery address, when one was asked for (asking address) or said outright. */
  | { type: 'address'; address: string }
  /** "skip" / "I'd rather not say" to an optional question (the name, after it was asked twice). */
  | { type: 'skip' }
  /** Items read from a picture or a voice note: proposed, to be confirmed before anything is reserved. */
  | { type: 'propose'; items: ItemRequest[]; source: 'image' | 'audio' }
  /** Only an amount: "two", "a dozen", "500 g"; answers "how many?". */
  /** `orElse`: a second amount said as the other choice ("two or three"): which one is asked, not guessed. */
  | { type: 'quantity'; quantity: SaidQuantity; orElse?: SaidQuantity }
  | { type: 'show_cart' }
  | { type: 'checkout' }
  | { type: 'status' }
  | { type: 'cancel_order'; orderId?: string }
  | { type: 'faq'; topic: string }
  | { type: 'browse'; category?: string }
  | { type: 'search'; query: string; skus: string[] }
  /** `unsure`: said as an order of an amount we cannot read ("a gallon of milk"): asked back, or the model asked. */
  /** `when`: asked when it will be back ("wen does the rye bread come back"): no date is known, and that is said. */
  | { type: 'ask'; about: 'price' | 'stock'; items: ItemRequest[]; unsure?: true; when?: true }
  /**
   * `unsure`: words of the message were left unread (no product, amount or known phrase): the model is
   * asked, or the bot does what it understood and asks the customer about the rest.
   */
  | { type: 'add'; items: ItemRequest[]; unsure?: true }
  | { type: 'remove'; items: ItemRequest[]; unsure?: true }
  /** "swap the brown bread for white": one line out, another in (the same amount unless one was said). */
  | { type: 'replace'; from: ItemRequest; to: ItemRequest }
  /** Something wrong with an order received: a person answers, with the order attached. */
  | { type: 'complaint'; about: 'missing' | 'damaged' | 'wrong_item' | 'late' | 'other' }
  /** One message saying several things, in order: "hi, Sam here, 12 Baker St, 2 milks please". */
  | { type: 'multi'; intents: Intent[] }
  /** "make it 3" (no item: the last one touched) or "change the milk to 2". */
  | { type: 'set_qty'; item?: ItemRequest; quantity: SaidQuantity }
  /** Delivery; with `address` when the customer said where ("deliver to 5 Elm Street please"). */
  | { type: 'delivery'; address?: string }
  | { type: 'deals' }
  /**
   * "same as last time", "my usual": the customer's usual order, proposed. `kind`: "my usual coffee", the
   * product of that kind they buy most; `skus` are every product the words fit (none: the store has none).
   */
  /** "stop the oat milk alert": the customer's back-in-stock wishes for these products end (none named: all). */
  | { type: 'stop_wish'; items: ItemRequest[] }
  /** `without`: products said to leave out of it ("the usual but no eggs"). */
  | { type: 'usual'; kind?: { query: string; skus: string[] }; without?: ItemRequest[] }
  /** "is the pesto vegan?", "which crisps have no nuts?": answered from the products' tags alone (src/domain/tags.ts). */
  | { type: 'diet'; claim: DietClaim; about: DietSubject }
  | { type: 'pickup' }
  /** When the order is to be delivered or collected, said in words while a slot is asked ("tomorrow morning"). */
  | { type: 'slot'; wish: SlotWish }
  /** Nothing asked: only politeness, who it is for, or grammar ("for my dad", "please could you"). */
  | { type: 'smalltalk' }
  /** `chatter`: every word was politeness or grammar (read as smalltalk once nothing else claims it). */
  | {
    type: 'unknown'; text: string; chatter?: true;
    /** Asked as a question ("can u hold it til 8", "my daughter has a sesame allergy…"): a person is offered. */
    asks?: true;
    /** Spoke of the usual order, though not surely ("the same groceries as I had last Thursday…"). */
    usual?: true;
  };

/** A cart line as the interpreter sees it: enough to resolve "the milk" or "make it 3". */
export interface CartLineRef {
  sku: string;
  name: string;
  qty: number;
}

/** Everything the interpreter may use besides the words: the question on the table and what was offered. */
export interface InterpretContext {
  /** The question the bot last asked, if the next message may answer it; none: the customer is shopping. */
  asking?: Asking;
  /** The options the last reply offered, in order; a choice of one comes back as { type: 'option', id }. */
  options?: Option[];
  /** The customer's cart as it stands. */
  cart?: CartLineRef[];
  /** The SKU the customer touched last, the target of "make it 3". */
  lastSku?: string;
  /** How many times the bot has asked for the customer's name so far. */
  nameAsks?: number;
}

/**
 * Turns a customer's words into one intent. The rules interpreter is the offline default; the Gemini
 * interpreter wraps it and is asked only when the rules are not confident. The interpreter alone turns text
 * into meaning: the engine never parses the customer's text again.
 */
export interface Interpreter {
  interpret(text: string, context: InterpretContext, media?: MediaPart[]): Promise<Intent>;
}
