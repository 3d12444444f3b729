import { z } from 'zod';
import { DIET_CLAIMS } from '../../domain/tags';

/**
 * What Gemini answers: one reading of the customer's message, flat so the model fills it reliably. The same
 * schema generates the JSON schema sent as `responseJsonSchema` and validates the answer; bounds that are
 * about meaning (a SKU we sell, a sane quantity) are checked afterwards, item by item, in to-intent.ts.
 */
export const ANSWER_TYPES = [
  'add', 'remove', 'ask_price', 'ask_stock', 'set_qty', 'quantity', 'option', 'yes', 'no', 'checkout',
  'show_cart', 'help', 'human', 'browse', 'delivery', 'pickup', 'address', 'name', 'skip', 'status', 'greet',
  'thanks', 'replace', 'empty_cart', 'complaint', 'faq', 'cancel_order', 'deals', 'usual', 'slot', 'diet', 'unknown',
] as const;

/** The FAQ topics and complaint kinds the model may name; the rules use the same words. */
export const COMPLAINTS = ['missing', 'damaged', 'wrong_item', 'late', 'other'] as const;

const amount = {
  count: z.number().optional().describe('How many, when a count was said ("three loaves" is 3).'),
  grams: z.number().optional().describe('The weight in grams, when a weight was said ("half a kilo" is 500).'),
};

export const answerItem = z.object({
  words: z.string().max(200).describe('The words that named the product, as the customer said or wrote them.'),
  sku: z.string().max(64).optional().describe('The SKU of the candidate product meant; leave out when no candidate fits.'),
  ...amount,
});

const hhmm = z.string().regex(/^\d{2}:\d{2}$/);
/** For slot: when the customer wants the order delivered or collected, as they said it. */
export const answerSlot = z.object({
  more: z.boolean().optional().describe('Later times than those offered ("anything later?").'),
  first: z.boolean().optional().describe('The earliest that fits ("the earliest", "any time thursday").'),
  day: z.enum(['today', 'tomorrow', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']).optional(),
  part: z.enum(['morning', 'afternoon', 'evening']).optional(),
  after: hhmm.optional().describe('Starting at or after this time, HH:MM 24-hour ("after 2" is 14:00).'),
  before: hhmm.optional().describe('Ending by this time, HH:MM.'),
  from: hhmm.optional().describe('With to: the exact window said ("9 to 12" is 09:00 to 12:00).'),
  to: hhmm.optional(),
  at: hhmm.optional().describe('A time the slot must include ("at 10").'),
});

export const answerSchema = z.object({
  type: z.enum(ANSWER_TYPES).describe('What the customer wants.'),
  items: z.array(answerItem).max(30).optional().describe('For add, remove, ask_price, ask_stock and set_qty: the products meant. For replace: exactly two, the product taken out first, then the one put in its place. For usual of one kind ("my usual coffee"): one item, the words of the kind, without a sku.'),
  optionId: z.string().max(64).optional().describe('For option: the id of the option on offer that was chosen.'),
  ...amount,
  category: z.string().max(100).optional().describe('For browse: one of the category names.'),
  text: z.string().max(300).optional().describe('For address, and delivery to a place the customer named: the address; for name: the customer\'s name.'),
  topic: z.string().max(40).optional().describe('For faq: the topic asked about, one of the FAQ topics given.'),
  complaint: z.enum(COMPLAINTS).optional().describe('For complaint (something wrong with an order received): what was wrong.'),
  slot: answerSlot.optional().describe('For slot (only while a delivery or pickup time is asked): the time the customer wants.'),
  claim: z.enum(DIET_CLAIMS).optional().describe('For diet: what is asked of the food ("is it vegan" is vegan, "does it have nuts" contains-nuts, "no nuts" nut-free, "dairy free" milk-free).'),
  list: z.boolean().optional().describe('For diet: true when the customer asks which products are so (of a category, of some words, or of the whole shop); false or absent for one product, or the one last talked about when no items are given.'),
  alsoName: z.string().max(100).optional().describe('When the message also gives the customer\'s name besides what type says ("hi, Sam here, 2 milks"): the name.'),
  alsoAddress: z.string().max(300).optional().describe('When the message also gives or changes the delivery address besides what type says: the address.'),
});

export type Answer = z.infer<typeof answerSchema>;
export type AnswerItem = z.infer<typeof answerItem>;

/** The JSON schema of the answer, generated once from the zod schema; without `$schema`, which the API does not take. */
export const answerJsonSchema: Record<string, unknown> = (() => {
  const { $schema: _drop, ...schema } = z.toJSONSchema(answerSchema, { target: 'draft-2020-12' });
  return schema;
})();

/** Parses the model's text: JSON, then the schema. Undefined when either fails. */
export function parseAnswer(text: string | undefined): { ok: true; answer: Answer } | { ok: false } {
  if (!text) return { ok: false };
  let json: unknown;
  try { json = JSON.parse(text); } catch { return { ok: false }; }
  const parsed = answerSchema.safeParse(json);
  return parsed.success ? { ok: true, answer: parsed.data } : { ok: false };
}
