// Questions about what is in the food: "is the pesto vegan?", "does the granola have nuts", "anything gluten
// free in bakery?", "which crisps have no nuts?". The rules read which claim is asked (src/domain/tags.ts)
// and of what: one product, the product last talked about, or the products of a shelf or a word. They
// never answer: the engine does, from the tags alone.
import type { DietClaim } from '../../domain/tags';
import type { Intent, DietSubject } from '../interpreter';
import { category, type Vocabulary } from './intents';
import { parseItems } from './items';

const NUTS = '(?:nuts?|peanuts?|tree nuts?|nutz|nut traces?)';
const GLUTEN = '(?:gluten|glutten|gluton)';
const MILK = '(?:milk|dairy|lactose)';
const EGG = '(?:eggs?)';
const SOY = '(?:soy|soya)';
const MEAT = '(?:meat)';

/** "nut free", "no nuts", "without nuts", "free from nuts", "doesn't have nuts", "safe for nut allergies". */
const freeOf = (ing: string) => new RegExp(`\\b(?:${ing} ?free|(?:no|without|zero|free (?:of|from)|(?:does ?n'?o?t|do ?n'?o?t|does not|do not) (?:have|contain|got)(?: any)?|have no|has no|got no|with no|not (?:have|contain) any) ${ing}|safe for (?:a |people with )?${ing} allerg(?:y|ies|ics))\\b`);
/** "have nuts", "contain nuts", "got any nuts", "with nuts", "nuts in it". */
const has = (ing: string) => new RegExp(`\\b(?:(?:contains?|containing|have|has|got|with|made with)(?: any)?(?: traces? of)? ${ing}(?: in (?:it|them|there))?)\\b`);
/** "any nuts in the granola", "is there milk in the pesto": the claim, then the product after "in". */
const inIt = (ing: string) => new RegExp(`^(?:(?:so|and|hey|hi|um|ok|okay|quick question)\\s+)*(?:are there|is there|any|got) (?:any )?${ing} in (.+)$`);

/** A word every claim pattern has one of: most messages have none, and are passed over in one test. */
const ANY_CLAIM = /vega|vegen|vege?t|vegit|veg$|veggie$|glut|nut|milk|dairy|egg|soy|meat|organ|orgainc|hall?al|kosher|c?o?eliac|celiac|plant based/;

interface ClaimPattern { claim: DietClaim; pattern: RegExp; in?: RegExp }

/** The claims as customers say them, most particular first. */
const CLAIM_PATTERNS: ClaimPattern[] = [
  { claim: 'nut-free', pattern: freeOf(NUTS) },
  { claim: 'gluten-free', pattern: freeOf(GLUTEN) },
  { claim: 'gluten-free', pattern: /\b(?:suitable for |safe for |ok for |okay for )?(?:co?eliacs?|celiacs?)\b/ },
  { claim: 'milk-free', pattern: freeOf(MILK) },
  { claim: 'egg-free', pattern: freeOf(EGG) },
  { claim: 'soy-free', pattern: freeOf(SOY) },
  { claim: 'contains-nuts', pattern: has(NUTS), in: inIt(NUTS) },
  { claim: 'contains-gluten', pattern: has(GLUTEN), in: inIt(GLUTEN) },
  { claim: 'contains-milk', pattern: has(MILK), in: inIt(MILK) },
  { claim: 'contains-egg', pattern: has(EGG), in: inIt(EGG) },
  { claim: 'contains-soy', pattern: has(SOY), in: inIt(SOY) },
  { claim: 'contains-meat', pattern: has(MEAT), in: inIt(MEAT) },
  { claim: 'vegan', pattern: /\b(?:(?:suitable|ok|okay|safe|good) for (?:a )?)?(?:vegan|vegans|vegann|vegen|plant based)\b/ },
  { claim: 'vegetarian', pattern: /\b(?:(?:suitable|ok|okay|safe|good) for (?:a )?)?(?:vege?tarians?|vegitarians?|vegeterians?)\b/ },
  // "is the margherita pizza veg?": "veg" ending a yes/no question (elsewhere it is the vegetables).
  { claim: 'vegetarian', pattern: /(?<=^(?:is|are|iz)\b.*\s)(?:veg|veggie)$/ },
  { claim: 'organic', pattern: /\b(?:organic|organics|orgainc)\b/ },
  { claim: 'halal', pattern: /\b(?:halal|hallal)\b/ },
  { claim: 'kosher', pattern: /\bkosher\b/ },
];

/** Claims of what a product has in it: "do you have nuts" is a question about stock, not about a product. */
const CONTAINS: ReadonlySet<DietClaim> = new Set(['contains-nuts', 'contains-gluten', 'contains-milk', 'contains-egg', 'contains-soy', 'contains-meat']);

/** A yes/no question of one product: "is the…", "are your…", "does the…", "has the…". */
const YES_NO = /^(?:is|are|iz|does|do|did|has|have|can|could|would|will)\b/;
/** A question of which products: "any…", "anything…", "which…", "what…", "do you have…", "show me…". */
const WHICH = /^(?:any|anything|anythin|something|somethin|which|what|whats|what's|wat|show|list|options|got|have you got|you got|do you|does the (?:store|shop)|is there|are there|i need|i want|i'?m looking for|looking for|need|want|where)\b/;
/** Words of a question that name nothing: what is left is the product, shelf or word asked about. */
const AROUND = new Set([
  'is', 'are', 'iz', 'does', 'do', 'did', 'has', 'have', 'had', 'can', 'could', 'would', 'will', 'any', 'anything', 'anythin', 'something', 'somethin',
  'which', 'what', 'whats', "what's", 'wat', 'show', 'list', 'me', 'you', 'your', 'yours', 'we', 'i', 'got', 'there', 'the', 'a', 'an', 'some', 'of',
  'in', 'from', 'on', 'at', 'for', 'please', 'pls', 'plz', 'thanks', 'options', 'option', 'products', 'product', 'stuff', 'food', 'foods', 'items', 'item',
  'things', 'thing', 'ones', 'one', 'kind', 'kinds', 'sort', 'sorts', 'type', 'types', 'range', 'selection', 'section', 'aisle', 'shelf', 'sell', 'stock',
  'carry', 'sells', 'that', 'thats', "that's", 'so', 'and', 'hey', 'hi', 'hello', 'um', 'uh', 'ok', 'okay', 'quick', 'question', 'also', 'too', 'either',
  'really', 'actually', 'all', 'guys', 'store', 'shop', 'it', 'this', 'these', 'those', 'them', 'they', 'contain', 'contains', 'made', 'with', 'to', 'be',
  'need', 'want', 'looking', "i'm", 'im', 'where', 'find', 'get', 'buy', 'today', 'now', 'right', 'moment', 'available', 'stocked', 'suitable',
  'safe', 'good', 'eat', 'eating', 'people', 'someone', 'who', 'am', 'mate', 'here', 'else', 'only', 'just', 'both',
  // "any dairy free milk? lactose intolerant here": the reason beside the question names no product.
  'lactose', 'intolerant', 'intolerance', 'allergic', 'allergy', 'allergies',
]);
/** Words that point at the product last talked about. */
const POINTERS = new Set(['it', 'this', 'that', 'these', 'those', 'them', 'they']);

/** Words before a question that change nothing: "so is…", "hi, are…". */
const LEAD = /^(?:(?:so|and|hey|hi|hello|um|uh|ok|okay|quick question|also|oh|right|sorry|excuse me|just wondering)\s+)+/;

const tidy = (text: string) => text.replace(/[?!.,;:]+/g, ' ').replace(/-/g, ' ').replace(/\s+/g, ' ').trim();

/** What the question is about, read from the words left once the claim and the question's grammar are gone. */
function subjectOf(rest: string, list: boolean, v: Vocabulary): DietSubject | 'nothing' {
  const all = rest.split(' ').filter(Boolean);
  const named = all.filter((w) => !AROUND.has(w));
  const said = named.join(' ');
  if (!said) {
    if (!list && all.some((w) => POINTERS.has(w))) return { kind: 'it' };
    return list ? { kind: 'list' } : 'nothing';
  }
  // "are the eggs vegetarian": a product's own name asks of it, though a shelf is named after it too.
  const exact = !list && v.matcher.isExactName(said);
  // "anything gluten free in bakery", "vegan cheese in the dairy section": a shelf, perhaps with a word.
  const shelf = exact ? undefined : category(said, v, true);
  if (shelf) return { kind: 'list', category: shelf };
  const at = all.lastIndexOf('in');
  if (at > 0) {
    const inShelf = category(all.slice(at + 1).filter((w) => !AROUND.has(w)).join(' '), v, true);
    const before = all.slice(0, at).filter((w) => !AROUND.has(w)).join(' ');
    if (inShelf) return { kind: 'list', category: inShelf, ...(before ? { query: before, skus: productsNamed(before, v) } : {}) };
  }
  if (list) return { kind: 'list', query: said, skus: productsNamed(said, v) };
  // "are the crisps vegan": words that are one product's alias but name others too ask of each of them.
  const several = severalNamed(said, v);
  if (several) return { kind: 'list', query: said, skus: several };
  const [item] = parseItems(said, v.matcher, false, v.products).items;
  if (!item) return 'nothing';
  // "are your bagels gluten free": words that name several products ask of each of them.
  if (item.match.kind === 'ambiguous') return { kind: 'list', query: said, skus: item.match.skus };
  return { kind: 'product', item };
}

/**
 * The products some words name, when they name more than one though they may be one product's alias:
 * "crisps" is an alias of Ready Salted Crisps and the last word of Salt & Vinegar Crisps, "pizza" of
 * Margherita and Pepperoni Pizza. Those with every word, whose name or an alias ends in the last of them
 * ("eggs" are not Egg Noodles). Undefined for one, or for words that are exactly one product's name.
 */
function severalNamed(said: string, v: Vocabulary): string[] | undefined {
  const words = v.matcher.tokens(said);
  const head = words.at(-1);
  if (head === undefined) return undefined;
  const key = words.join(' ');
  const phrasesOf = (sku: string) => { const p = v.products.get(sku); return p ? [p.name, ...p.aliases].map((t) => v.matcher.tokens(t)) : []; };
  const named = productsNamed(said, v).filter((sku) => phrasesOf(sku).some((t) => t.at(-1) === head));
  if (named.length < 2) return undefined;
  // "the bananas" beside Organic Bananas: a product's own name asks of that product.
  if (named.some((sku) => phrasesOf(sku)[0]?.join(' ') === key)) return undefined;
  return named;
}

/** The products some words name: every product that each of the words matches ("cheese" → every cheese). */
function productsNamed(said: string, v: Vocabulary): string[] {
  const scored = v.matcher.score(v.matcher.tokens(said)).map((s) => s.sku);
  if (scored.length) return scored;
  const m = v.matcher.match(said);
  return m.kind === 'product' ? [m.sku] : m.kind === 'ambiguous' ? m.skus : [];
}

/** An allergy or intolerance said of someone ("my son has a peanut allergy", "I'm lactose intolerant"): the claim it asks for. */
const ALLERGIES: [RegExp, DietClaim][] = [
  [/\b(?:(?:pea)?nut|tree nut)s? (?:allerg(?:y|ies|ic)|intoleran(?:t|ce))|\ballergic to (?:pea|tree )?nuts?\b/, 'nut-free'],
  [/\blactose(?: intoleran(?:t|ce))?\b|\b(?:dairy|milk) (?:allerg(?:y|ies|ic)|intoleran(?:t|ce))|\ballergic to (?:milk|dairy)\b/, 'milk-free'],
  [/\b(?:gluten|wheat) (?:allerg(?:y|ies|ic)|intoleran(?:t|ce))|\ballergic to (?:gluten|wheat)\b/, 'gluten-free'],
  [/\begg (?:allerg(?:y|ies|ic)|intoleran(?:t|ce))|\ballergic to eggs?\b/, 'egg-free'],
  [/\bso(?:y|ya) (?:allerg(?:y|ies|ic)|intoleran(?:t|ce))|\ballergic to so(?:y|ya)\b/, 'soy-free'],
];
/** Allergens no tag speaks of: a question naming one is for a person, never half answered. */
const UNTAGGED_ALLERGENS = /\b(?:sesame|shellfish|fish|mustard|celery|lupin|sulph?ites?|sulf?ites?|mollusc|crustacean|gelatine?)\b/;
/** Words of "is it safe for him", "can she have", "which can I have": the safety asked, nothing of the product. */
const SAFETY = new Set(['safe', 'ok', 'okay', 'alright', 'fine', 'suitable', 'eat', 'have', 'good', 'morning', 'afternoon', 'evening', 'hello', 'hi',
  'really', 'very', 'bad', 'severe', 'serious', 'uh', 'um', 'please', 'pls', 'would', 'will', 'be', 'does', 'do', 'there', 'anything', 'in', 'from', 'to', 'he', 'she', 'him', 'her', 'they', 'my', 'son', 'daughter',
  'kid', 'kids', 'child', 'children', 'boy', 'girl', 'husband', 'wife', 'partner', 'friend', 'mum', 'mom', 'dad', 'can', 'could', 'should', 'would',
  'is', 'are', 'it', 'for', 'with', 'a', 'an', 'the', 'i', 'we', 'me', 'us', 'so', 'which', 'what', 'any', 'of', 'your', 'you', 'u', 'ur', 'be']);

/**
 * "my son has a peanut allergy, are the granola bars safe?", "I am lactose intolerant. Which milk can I have":
 * the allergy said, then the products asked about. Untagged allergens named beside it: not read here.
 */
function allergyQuestion(plain: string, v: Vocabulary): Intent | undefined {
  const found = ALLERGIES.find(([re]) => re.test(plain));
  if (!found || UNTAGGED_ALLERGENS.test(plain) || ALLERGIES.filter(([re]) => re.test(plain)).length > 1) return undefined;
  const [re, claim] = found;
  const rest = plain.replace(re, ' ').replace(/\b(?:i am|i'?m|im|has|have|got|with|a|an|my \w+|he|she|they|is|are|r|u|ur)\b/g, ' ').replace(/\s+/g, ' ').trim();
  const asks = /\b(?:safe|ok|okay|alright|suitable|can (?:i|he|she|they|we) (?:have|eat)|which|what|any|anything)\b/.test(rest);
  if (!asks) return undefined;
  const list = /\b(?:which|what|any|anything)\b/.test(rest);
  const words = rest.split(' ').filter((w) => !SAFETY.has(w)).join(' ');
  const about = words ? subjectOf(words, list, v) : (list ? { kind: 'list' as const } : { kind: 'it' as const });
  return about === 'nothing' ? undefined : { type: 'diet', claim, about };
}

/**
 * A question about what is in a product, if the words are one: the claim asked and what it is asked of.
 * Undefined when they are not (an order of "2 organic bananas", "do you have eggs").
 */
export function dietQuestion(text: string, v: Vocabulary): Intent | undefined {
  if (!ANY_CLAIM.test(text) && !/allerg|intoleran|lactose/.test(text)) return undefined;
  const plain = tidy(text);
  return toldFirst(plain, v) ?? claimQuestion(plain, v) ?? allergyQuestion(plain, v);
}

/** A diet said of someone: "i am coeliac", "im vegan", "we keep halal", "my daughter is vegetarian". */
/** Who has the diet ("i'm", "we keep", "my daughter is"), how strictly, and which diet. */
const TOLD_WHO = String.raw`(?:i am|i'?m|im|we are|we'?re|we keep|we eat|we only eat|i keep|i eat|i only eat|my (?:[a-z]+ ){0,2}(?:is|are|has|have)|he is|she is|he'?s|she'?s|they are|they'?re|(?:he|she|they) (?:keeps?|eats?|only eats?))\s+(?:(?:a|an|strictly|strict|fully|totally|very|also|now|gone|going|eating|on|pure|purely|all)\s+)*`;
const DIETS = String.raw`(?:co?eliacs?|celiacs?|vegans?|vegetarians?|veggie|plant based|halal|kosher|gluten free|dairy free|nut free|lactose free)`;
const TOLD = new RegExp(String.raw`^(?:(?:hi|hello|hey|so|ok|okay|right|um|uh)\s+)*${TOLD_WHO}(${DIETS})\s+(?:(?:so|and|but|then|too|diet|as well)\s+)*((?:which|what|whats|what's|wat|any|anything|anythin|is|are|does|do|can|could|have|got|where|show|list|options|recommend|suggest)\b.*)$`);
const TOLD_CLAIM: [RegExp, DietClaim][] = [
  [/co?eliac|celiac|gluten/, 'gluten-free'], [/vegan|plant/, 'vegan'], [/veget|veggie/, 'vegetarian'], [/halal/, 'halal'], [/kosher/, 'kosher'],
  [/dairy|lactose/, 'milk-free'], [/nut/, 'nut-free'],
];

/** Whether a message tells a diet before asking ("we keep halal. which meat is halal"): one question, not two clauses. */
export const tellsDiet = (text: string): boolean => TOLD.test(tidy(text));

/** A diet told with no question ("We are pure vegetarian, no egg also"): said to explain, beside a question. */
const TOLD_ONLY = new RegExp(String.raw`^(?:(?:and|but|so|also)\s+)?${TOLD_WHO}${DIETS}\b`);
export const toldOnly = (text: string): boolean => TOLD_ONLY.test(tidy(text).toLowerCase());

/**
 * "i am coeliac, anything gluten free in bakery", "im vegan - which milks can i have": the diet told first,
 * then the question. The question's own claim if it says one, else the one told.
 */
function toldFirst(plain: string, v: Vocabulary): Intent | undefined {
  const m = TOLD.exec(plain);
  if (!m) return undefined;
  const question = m[2]!;
  const own = claimQuestion(question, v);
  if (own) return own;
  const claim = TOLD_CLAIM.find(([re]) => re.test(m[1]!))?.[1];
  // The diet told is the question's only when the question asks which products ("which milks can i have"),
  // not an order ("can i get 2 oat milk") or another question ("what time do you close", "any deals").
  if (!claim || /\d/.test(question) || !/^(?:which|what(?! time)|whats(?! the time)|what's(?! the time)|wat|any(?! (?:deals?|offers?|discounts?|updates?|news))|anything|anythin|options|recommend|suggest|show|list)\b/.test(question)) return undefined;
  if (/\b(?:deals?|offers?|hours|open|close|deliver|delivery|pay|order)\b/.test(question)) return undefined;
  const list = !YES_NO.test(question) || /^(?:do|does|have|can|could) (?:you|u|ya|the store|the shop|you guys)\b/.test(question);
  const rest = question.replace(/\b(?:can|could|should) (?:i|we|he|she|they) (?:have|eat|get)\b/g, ' ').replace(/\s+/g, ' ').trim();
  const about = subjectOf(rest, list, v);
  if (about === 'nothing') return list ? { type: 'diet', claim, about: { kind: 'list' } } : { type: 'diet', claim, about: { kind: 'it' } };
  return { type: 'diet', claim, about };
}

/** A claim asked in so many words: "is the pesto vegan", "which crisps have no nuts". */
function claimQuestion(plain: string, v: Vocabulary): Intent | undefined {
  if (/\d/.test(plain)) return undefined;
  for (const { claim, pattern, in: inside } of CLAIM_PATTERNS) {
    const within = inside?.exec(plain);
    if (within) {
      const about = subjectOf(within[1]!, false, v);
      return about === 'nothing' ? undefined : { type: 'diet', claim, about };
    }
    const m = pattern.exec(plain);
    if (!m) continue;
    const said = m[0];
    const rest = `${plain.slice(0, m.index)} ${plain.slice(m.index + said.length)}`.replace(/\s+/g, ' ').trim().replace(LEAD, '');
    // The claim's word is part of a product's name ("Organic Milk"): that product is asked for, not a claim.
    const named = rest.split(' ').filter((w) => !AROUND.has(w)).join(' ');
    if (named && (v.matcher.isExactName(`${said} ${named}`) || v.matcher.isExactName(`${named} ${said}`))) return undefined;
    const yesNo = YES_NO.test(rest) && !/^(?:do|does|have|can|could) (?:you|u|ya|the store|the shop|you guys)\b/.test(rest);
    const asked = WHICH.test(rest);
    // Said first, with no question word: "vegan cheese?" asks which; "no nuts pls" takes the nuts out.
    const bare = !yesNo && !asked && m.index === 0;
    if (bare && /^(?:no|without|zero)\b/.test(said)) return undefined;
    const which = asked || (bare && rest !== '');
    // "do you have nuts", "got any eggs": stock questions; "which cereals have nuts" asks about the cereals.
    if (CONTAINS.has(claim) && !yesNo && !/^(?:which|what|whats|what's)\b/.test(rest)) return undefined;
    if (!yesNo && !which && rest !== '' && m.index + said.length < plain.length) return undefined;
    // "pesto vegan?": a product, then the claim; "vegan?" alone: the product last talked about.
    const list = which && !yesNo;
    const about = subjectOf(rest, list, v);
    // "vegan cheese?" names products or a shelf; words that name nothing make no question of it.
    if (bare && about !== 'nothing' && about.kind === 'list' && !about.category && !about.skus?.length) return undefined;
    if (about === 'nothing') {
      // "vegan?" alone: of the product last talked about.
      if (rest === '') return { type: 'diet', claim, about: { kind: 'it' } };
      return undefined;
    }
    return { type: 'diet', claim, about };
  }
  return undefined;
}
