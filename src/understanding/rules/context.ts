import type { Intent, InterpretContext, ItemRequest } from '../interpreter';
import { amountToAdd, classify, quantityOf, type Vocabulary } from './intents';
import { asksWhereWeDeliver, cleanAddress, deliveryAddress, isShelfName, readName, readsAsAddress, saysName, saysSkip, saysState, saysUnusableAddress } from './names';
import { chooseOption } from './options';
import { pickedSku } from '../../domain/option-id';
import { normalize, words } from './text';
import { saysNo, saysYes } from './chat';
import { allBut, withCart } from './cart-context';
import { newAddress, several } from './several';
import { SENTENCE_WORDS } from './phrases';
import { correctedInline, meantInstead } from './corrections';
import { dietQuestion, tellsDiet } from './diet';
import { readSlotWish } from './slots';
import { backQuestion, stopWish } from './back';

/** Words around an amount answering "how many?": "lovely, three then", "ok 2 please", "make it four". */
const HOW_MANY_LEAD = /^(?:(?:like|bout|abt|approx|approximately|roughly|around|about|lovely|ok|okay|great|yes|yeah|yep|sure|right|fine|perfect|cool|um|uh|erm|hmm|so|well|oh|thanks|cheers|alright|all right|excellent|brilliant|good|nice|just|only|maybe|probably|about|around|roughly|say|let'?s say|let'?s (?:do|go with|have|make it)|make (?:it|that)|i'?ll (?:take|have|get|do)|i (?:want|need|would like|'d like)|i'?d like|i'?ll go with|give me|gimme|can i (?:get|have)|could i (?:get|have)|how about|what about|go for|go with|actually|hm+|send|do|make it|just)\s+)+/;
const HOW_MANY_TAIL = /(?:\s+(?:i guess|i think|maybe|probably|then|please|thanks|thank you|ta|of them|of those|in total|altogether|total|for now|is fine|will do|should do|would be great|is good|is enough|i think|i guess|pieces|items|mate|love|cheers))+$/;

/** The amount in an answer to "how many?", among the words people say around it. */
function howMany(plain: string, v: Vocabulary, ctx: InterpretContext): Intent | undefined {
  // An answer to "how many?" is a few words; a longer message is read as what it says.
  if (words(plain).length > 12) return undefined;
  let rest = plain;
  for (let i = 0; i < 3; i += 1) rest = rest.replace(HOW_MANY_LEAD, '').replace(HOW_MANY_TAIL, '').trim();
  // "just the one", "the one", "I'll take the 52 oz one", "that one": one.
  rest = rest.replace(/^(?:(?:the|that|this|a)\s+)?(?:[\d.]+\s*[a-z]{1,6}\s+)?(?:one|it)$/, 'one');
  // "either", "whichever", "you choose" after "2 or 3?": the customer leaves it to us; the smaller is taken.
  if (/^(?:either|either one|whichever|whatever|you choose|you pick|up to you|dont mind|don'?t mind|doesn'?t matter|any)$/.test(rest) && ctx.asking?.kind === 'how_many' && ctx.asking.offered) return { type: 'quantity', quantity: ctx.asking.offered };
  // "two or three i guess", "3-4": either of two amounts, the customer's to choose.
  const either = /^(?:maybe |like |about |around )?(\S+)\s*(?:or|-)\s*(\S+)(?: maybe| i guess| i think| probably| then)*$/.exec(rest);
  if (either) {
    const a = quantityOf(either[1]!, v);
    const b = quantityOf(either[2]!, v);
    if (a?.kind === 'count' && b?.kind === 'count' && a.value < b.value) return { type: 'quantity', quantity: a, orElse: b };
  }
  const quantity = rest ? quantityOf(rest, v) : undefined;
  return quantity ? { type: 'quantity', quantity } : undefined;
}

const YES_STRONG = new Set(['yes', 'yeah', 'yep', 'yup', 'ya', 'sure', 'ok', 'okay', 'alright', 'go', 'do', 'absolutely', 'definitely', 'course', 'certainly', 'correct', 'confirm', 'fine', 'right', 'yess', 'yesss']);
const YES_FILLER = new Set(['please', 'it', 'that', 'then', 'on', 'ahead', 'for', 'of', 'thanks', 'thank', 'you', 'cheers', 'mate', 'love', 'great', 'lovely', 'perfect', 'just', 'all', 'the', 'way', 'sounds', 'good', 'i', 'am', "i'm", 'im', 'sure', "that's", 'thats', 'is', 'place', 'order', 'my', 'the', 'we', 'can', 'now']);

/** "yes please do", "go on then", "ok do it": a yes to the question the bot asked, and nothing else. */
function lenientYes(plain: string): boolean {
  const tokens = words(plain);
  if (tokens.length === 0 || tokens.length > 6) return false;
  return tokens.some((t) => YES_STRONG.has(t)) && tokens.every((t) => YES_STRONG.has(t) || YES_FILLER.has(t));
}

const DELIVERY_SAID = /\b(?:deliver|delivered|delivery|deliveries|bring (?:it|them|everything|the order)|drop (?:it|them) off|send (?:it|them|everything)(?! through| off| in\b| over to you)|ship|to (?:my|the|our) (?:house|place|home|flat|door|address|office)|to mine|round to|(?:at|to) my door)\b/;
const PICKUP_SAID = /\b(?:pick ?up|pick-up|pi(?:kc|ck|k|c)u?p|pik up|pic up|pcikup|pickp|(?:from|at|in) (?:the |your |ur |you )?(?:store|shop)|(?:come|go) (?:to|down to) (?:the |your |ur )?(?:store|shop)|pick (?:it|them|everything|the order) up|collect|collection|grab (?:it|them)|swing by|pop (?:in|by|round)|come (?:by|in|and get|down|over)|stop by|drop by|call in|get (?:it|them) myself|in store|in person|from the (?:store|shop)|(?:i'?ll|we'?ll) (?:come|get it))\b/;

/** Words that finish an order: "that's all", "that's the lot", "done", "check out". */
const FINISHED = /\b(?:that'?s (?:all|it|the lot|everything|me done|us)|thats (?:all|it)|all done|done|finished|check ?out|checkout|that is all|nothing else)\b/;

/**
 * "That's all, pickup", "thats all, home delivery pls", "please deliver it" with a cart: checking out the way
 * said, in one go. Only when nothing in the message names a product.
 */
function finishing(original: string, plain: string, ctx: InterpretContext, namesProducts: (text: string) => boolean): Intent | undefined {
  if (!shopping(ctx) || !ctx.cart?.length) return undefined;
  // Both said ("change delivery to pickup", "no delivery, I'll grab it"): not read here.
  if (DELIVERY_SAID.test(plain) && PICKUP_SAID.test(plain)) return undefined;
  const how = fulfilmentSaid(plain) ?? (/\bdeliver(?:y|ed)?\b/.test(plain) ? { type: 'delivery' as const } : undefined);
  // When ("can you deliver tomorrow?", "come by later") or somewhere else ("deliver to my work") is a question
  // or a new address, not the order finished.
  if (/\b(?:tomorrow|today|tonight|later|when|what time|on (?:mon|tues|wednes|thurs|fri|satur|sun)day)\b/.test(plain)) return undefined;
  if (/\bto (?:my|our|the|his|her) (?!home\b|house\b|place\b|door\b|address\b|new\b|same\b|usual\b)\w+/.test(plain) && !/\bto (?:my|our|the) (?:usual|same)\b/.test(plain)) return undefined;
  if (/\?\s*$/.test(original) && !FINISHED.test(plain) && !/\b(?:deliver|send|bring)\s+(?:it|them|everything|my order|the order|my shopping)\b/.test(plain)) return undefined;
  if (/\bno (?:delivery|pickup)\b/.test(plain)) return undefined;
  // With an address in it ("send it to my work instead, 88 Queen Street") it is a new address, read elsewhere;
  // a time ("pickup in 20 min") is only when.
  const timeless = plain.replace(/\b(?:in |at |around |about )?\d+(?:[.:]\d+)?\s*(?:min|mins|minutes|hrs?|hours?|am|pm|o'?clock)\b/g, ' ');
  if (!how || namesProducts(plain) || /\d/.test(timeless)) return undefined;
  // A question about delivering ("do you deliver?") is the FAQ's.
  if (!FINISHED.test(plain) && /^(?:do|does|is|are|how|what|when|where|which|why|who)\b/.test(plain)) return undefined;
  return { type: 'multi', intents: [{ type: 'checkout' }, how] };
}

/** "Delivery or pickup?" answered in other words: "bring it round to mine", "I'll swing by and grab it". */
function fulfilmentSaid(plain: string): Intent | undefined {
  const delivery = DELIVERY_SAID.test(plain);
  const pickup = PICKUP_SAID.test(plain);
  if (delivery === pickup) return undefined;
  return { type: delivery ? 'delivery' : 'pickup' };
}

/** "yes but no bread", "yes, and add a sourdough too", "fine but make it three milks": a yes, then a change. */
const YES_THEN = /^(?:yes|yeah|yep|yup|ya|ok|okay|sure|fine|that'?s fine|thats fine|sounds good|perfect|great|lovely|go on)(?: please| pls)?[\s,.]*(?:but|and|except|only|just|though|,)\s+(.+)$/;

/**
 * A yes to items proposed (the usual, a picture's items) with a change said beside it: both, in order. The
 * change must read surely; one naming several products is resolved to the proposed one among them.
 */
function yesWithChange(plain: string, ctx: InterpretContext, v: Vocabulary): Intent | undefined {
  const m = YES_THEN.exec(plain);
  if (!m || ctx.asking?.kind !== 'confirm_items') return undefined;
  const proposed = new Set(ctx.asking.items.flatMap((i) => i.skus));
  const rest = classify(normalize(m[1]!), v);
  const onProposed = (item: ItemRequest): ItemRequest => {
    if (item.match.kind !== 'ambiguous') return item;
    const mine = item.match.skus.filter((sku) => proposed.has(sku));
    return mine.length === 1 ? { ...item, match: { kind: 'product', sku: mine[0]! } } : item;
  };
  if ((rest.type === 'remove' || rest.type === 'add') && !rest.unsure) return { type: 'multi', intents: [{ type: 'yes' }, { ...rest, items: rest.items.map(onProposed) }] };
  if (rest.type === 'set_qty') return { type: 'multi', intents: [{ type: 'yes' }, { ...rest, ...(rest.item ? { item: onProposed(rest.item) } : {}) }] };
  return undefined;
}

/** Agreeing in a sentence: "the wholemeal will do, yes go ahead", "sure thing", "that's fine". */
const AGREES = /\b(?:yes|yeah|yep|yup|ya|sure|ok|okay|fine|go ahead|(?:please |just )?(?:text|message|tell|ping|let) me(?: know)?|go for it|will do|that'?ll do|happy with (?:it|that)|perfect|great|sounds good|alright|all right|please do|that works|works for me|no problem|no worries|why not|of course|absolutely|i suppose|i guess)\b/;
/** Declining in a sentence: "nah dont want instant coffee just drop it", "no substitute thanks". */
const DECLINES = /\b(?:no|nah|nope|don'?t|dont|do not|rather not|not (?:want|need|interested|bother)|drop (?:it|them|that)|skip|just remove|remove (?:it|them|that)|leave (?:it|them|that)(?: out| off)?|without|cancel (?:it|that)|forget (?:it|that)|not for me)\b/;

/**
 * The answer to the store's question about a change to an order (a substitute, fewer found): yes or no
 * said in a sentence. Both or neither said, or a question asked back ("is it the same price?"): not read here.
 */
function changeAnswer(original: string, plain: string): Intent | undefined {
  if (/\?/.test(original) || /^(?:is|are|does|do|can|could|what|how|which|will|would)\b/.test(plain)) return undefined;
  // An amount beside it ("yes and 2 more") says more than yes: read by the other rules.
  if (/\d|\b(?:two|three|four|five|six|seven|eight|nine|ten|dozen|couple)\b/.test(plain)) return undefined;
  const agrees = AGREES.test(plain);
  const declines = DECLINES.test(plain.replace(/\bno (?:problem|worries)\b/g, ' '));
  if (agrees === declines) return undefined;
  return { type: agrees ? 'yes' : 'no' };
}

/** Placing the order, said in words: "place it", "put the order through", "go ahead with the order". */
const PLACE_IT = /\b(?:place (?:it|the order|my order|this order|that)|put (?:it|the order|my order) through|go ahead(?: with (?:it|the order|my order))?|send (?:it|the order) through|finali[sz]e (?:it|the order|my order)|complete (?:it|the order|my order))\b/;

/** Whether the bot's last question was a yes/no one: a confirmation asked, or the order read back. */
function askedYesNo(ctx: InterpretContext): boolean {
  const kind: string | undefined = ctx.asking?.kind;
  return kind !== undefined && kind.startsWith('confirm');
}

/** Questions that hold the dialogue (who the customer is, how the order goes): anything else is shopping. */
const HOLDING: ReadonlySet<string> = new Set(['opening', 'name', 'address', 'fulfilment', 'slot', 'confirm_order']);

/** Whether the customer is shopping: nothing asked, or only a question about what is in the cart. */
function shopping(ctx: InterpretContext): boolean {
  return !ctx.asking || !HOLDING.has(ctx.asking.kind);
}

/**
 * A request for products the customer means as one: an amount, "I'd like", a list, a plural, a label, or
 * one word that is a word of a product's name ("milk", "tuna") and no given name too ("Olive", "Ginger").
 */
function isProductRequest(intent: Intent, plain: string, v: Vocabulary): boolean {
  if (intent.type !== 'add') return false;
  const matched = intent.items.filter((i) => i.match.kind !== 'none');
  // Nothing we carry, but said with "add", "I'd like" or an amount: the rules only read those as orders.
  if (matched.length === 0) return true;
  if (intent.items.length > 1 || intent.items.some((i) => i.quantity.kind !== 'none')) return true;
  const said = words(plain);
  if (said.length > 1) return true;
  const word = said[0] ?? '';
  if (isShelfName(word)) return false;
  // A word of a product's name as it is written ("avocado"), not a typo of one ("Bananna" may be a name).
  return /s$/.test(word) || v.matcher.nameWords([word]) === 1;
}

/** Everything but an unread message or words that read as a product alone: a command keeps its meaning. */
function isCommand(intent: Intent): boolean {
  return intent.type !== 'unknown' && intent.type !== 'add';
}

/** The bot asked for a name: commands and product requests keep their meaning, "skip" skips, a name is a name. */
function nameAnswer(original: string, plain: string, intent: Intent, ctx: InterpretContext, v: Vocabulary): Intent {
  if (saysSkip(plain)) return { type: 'skip' };
  if (isCommand(intent)) return intent;
  // "I'm hungry", "I'm new here": how the customer is, not who.
  if (saysState(original)) return isProductRequest(intent, plain, v) ? intent : { type: 'unknown', text: plain };
  const introduced = saysName(original);
  if (!introduced && isProductRequest(intent, plain, v)) return intent;
  const name = readName(original, (ctx.nameAsks ?? 0) >= 2);
  if (name) return { type: 'name', name };
  // Words that matched a product only as a typo, and read as no name either ("what?"): not understood.
  return isProductRequest(intent, plain, v) ? intent : { type: 'unknown', text: plain };
}

/** The bot asked for an address: "pickup" and commands keep their meaning, an address is an address. */
function addressAnswer(original: string, plain: string, intent: Intent, v: Vocabulary): Intent {
  // "I'll come pick it up myself": no address, pickup.
  if (fulfilmentSaid(plain)?.type === 'pickup' && !/\d/.test(plain)) return { type: 'pickup' };
  const address = cleanAddress(original);
  if (address && readsAsAddress(original)) return { type: 'address', address };
  // "12" or "3 please" to "What's your address?" is no option on offer and no amount: a bad address.
  if (intent.type === 'choose' || intent.type === 'quantity') return { type: 'unknown', text: plain };
  if (isCommand(intent) || isProductRequest(intent, plain, v)) return intent;
  // No number, no street word: only words that cannot be a sentence ("I dont know yet", "my son will give it
  // to you") are taken as an address ("Rose Cottage, Little Hampton").
  return address && !SENTENCE_LIKE.test(plain) ? { type: 'address', address } : intent;
}

/** Words of a sentence, not of a place's name: an address without a number holding one is none. */
const SENTENCE_LIKE = /\b(?:i|i'?ll|ill|i'?m|im|i'?d|we|we'?ll|you|u|ur|your|me|myself|will|can|could|would|should|know|don'?t|dont|not|sure|later|wait|what|why|how|need|want|tell|give|take|get|come|pick|collect|yet|put|sec|minute|moment)\b/;

/** "whole. 2", "oat x3", "2 of the whole": a product chosen from "which one?" with its amount beside it. */
function withAmount(option: Intent, plain: string, ctx: InterpretContext, v: Vocabulary): Intent | undefined {
  if (ctx.asking?.kind !== 'choose_product' || option.type !== 'option') return undefined;
  const sku = pickedSku(option.id);
  const label = ctx.options?.find((o) => o.id === option.id)?.label;
  if (!sku || !label) return undefined;
  const labelWords = new Set(words(normalize(label)));
  // Chosen by number ("2"): the number was the choice, not an amount.
  if (!words(plain).some((w) => labelWords.has(w) && !/^\d/.test(w))) return undefined;
  const rest = words(plain).filter((w) => !labelWords.has(w) && !labelWords.has(w.replace(/e?s$/, '')) && !['of', 'the', 'one', 'ones', 'please', 'pls', 'x', 'times'].includes(w)).join(' ')
    .replace(/^x(\d+)$|^(\d+)x$/, '$1$2');
  const quantity = rest ? quantityOf(rest, v) : undefined;
  return quantity && quantity.kind !== 'none' ? { type: 'add', items: [{ query: label, quantity, match: { kind: 'product', sku } }] } : undefined;
}

/** "add 2 for me" after bananas: 2 more of the product touched last; with none, or "how many?" asked, an amount. */
function addMoreOfLast(text: string, intent: Intent, ctx: InterpretContext, v: Vocabulary): Intent {
  if (intent.type !== 'unknown') return intent;
  const quantity = amountToAdd(text, v);
  if (!quantity) return intent;
  const sku = ctx.lastSku;
  if (!sku || ctx.asking?.kind === 'how_many') return { type: 'quantity', quantity };
  const query = ctx.cart?.find((l) => l.sku === sku)?.name ?? sku;
  return { type: 'add', items: [{ query, quantity, match: { kind: 'product', sku } }] };
}

/**
 * Reads one message in its context: the options on offer and the question on the table. Everything
 * the engine used to re-read in the text is answered here, so the engine acts on intents alone.
 */
export function understand(original: string, ctx: InterpretContext, v: Vocabulary): Intent {
  const read = onOffered(understood(original, ctx, v), ctx, v);
  // "is all this ok for my diet": a diet of the customer's, not Diet Coke; which diet is theirs to say.
  if (/\b(?:my|on a|for a|special|strict) diet\b/.test(normalize(original)) && read.type !== 'diet') return { type: 'unknown', text: normalize(original), asks: true };
  // "can my husband pick it up?": who may collect, asked; a question for a person, not politeness.
  if ((read.type === 'smalltalk' || (read.type === 'unknown' && read.chatter)) && WHO_COLLECTS.test(normalize(original))) return { type: 'unknown', text: normalize(original), asks: true };
  // Nothing but politeness and grammar, and nothing else made of it: said so, not "didn't catch that".
  if (read.type === 'unknown' && read.chatter) return { type: 'smalltalk' };
  // A question the rules cannot answer: marked, so a person is offered instead of a guess.
  if (read.type === 'unknown' && !read.usual && asksSomething(original)) return { ...read, asks: true };
  return read;
}

/**
 * "2 of the skim and 1 oat" to "Which milk?": each item whose words fit one product on offer is that product
 * (not Rolled Oats), so an answer naming several of the choices takes each of them.
 */
function onOffered(read: Intent, ctx: InterpretContext, v: Vocabulary): Intent {
  if (ctx.asking?.kind !== 'choose_product' || read.type !== 'add') return read;
  const offered = ctx.asking.skus.map((sku) => ({ sku, words: new Set(v.matcher.tokens(v.products.get(sku)?.name ?? '')) }));
  const items = read.items.map((item) => {
    const said = v.matcher.tokens(item.query);
    const fits = offered.filter((o) => said.length > 0 && said.every((w) => o.words.has(w)));
    return fits.length === 1 ? { ...item, match: { kind: 'product' as const, sku: fits[0]!.sku } } : item;
  });
  return { ...read, items };
}

/** Words that ask something of the store: a question mark, a question's first word, or an allergy told. */
function asksSomething(text: string): boolean {
  return /\?\s*$/.test(text) || /allerg|anaphyla|intoleran/i.test(text)
    || /^(?:can|could|would|will|do|does|did|is|are|was|were|what|when|where|who|why|how|which|may|should|have you|has)\b/i.test(text.trim());
}

/**
 * "yes pls. when will it be back roughly?", "No. Do you have almond milk then?": a yes or no to the question
 * asked, in a sentence of its own, then something more. Both are read; a question about the very product
 * the yes answers ("when will it be back") is answered by the yes itself.
 */
function answerThenMore(original: string, ctx: InterpretContext, v: Vocabulary): Intent | undefined {
  // Only the offers about a product: a yes that places or cancels an order is never read beside more words.
  if (ctx.asking?.kind !== 'confirm_wish' && ctx.asking?.kind !== 'confirm_back') return undefined;
  const m = /^\s*([^.!?]+?)\s*[.!]+\s+(\S.*)$/.exec(original);
  if (!m || /\b(?:wait|hold|hang on|not yet|actually|but|no|don'?t|dont|cancel|stop)\b/i.test(m[2]!)) return undefined;
  const first = understood(m[1]!, ctx, v);
  if (first.type !== 'yes' && first.type !== 'no') return undefined;
  const rest = understood(m[2]!, { ...ctx, asking: undefined }, v);
  const about = ctx.asking.sku;
  const same = rest.type === 'ask' && rest.items.every((i) => i.match.kind === 'product' && i.match.sku === about);
  if (same || rest.type === 'thanks') return first;
  if (rest.type === 'unknown' || rest.type === 'smalltalk') return undefined;
  return { type: 'multi', intents: [first, rest] };
}

/** Someone else collecting or receiving the order, asked: "can my wife collect it", "could my son sign for it". */
const WHO_COLLECTS = /^(?:can|could|may|is it ok if|is it okay if|would it be ok if) (?:my|someone|somebody|a friend|a neighbou?r|another)\b.*\b(?:collect|pick (?:it |them |the order )?up|pickup|fetch|sign for|get it|receive)\b/;

function understood(original: string, ctx: InterpretContext, v: Vocabulary): Intent {
  const text = normalize(original);
  const corrected = correctedInline(text);
  if (corrected) return understood(corrected, ctx, v);
  const meant = meantInstead(text, ctx, (rest) => understood(rest, ctx, v));
  if (meant) return meant;
  const plain = text.replace(/[,;!?]+/g, ' ').replace(/\s+/g, ' ').trim();
  if (!/[a-z0-9]/.test(plain)) return { type: 'unknown', text };

  const asking = ctx.asking?.kind;
  const asksAddress = asking === 'address';
  const answered = answerThenMore(original, ctx, v);
  if (answered) return answered;
  // "Which one?" answered "neither" or "none of them": a no to the question, not a product of its words.
  if (asking === 'choose_product' && /^(?:neither|none|nah|no thanks|no thank you|never ?mind|forget (?:it|that)|skip (?:it|that)|leave (?:it|that))\b/.test(plain)) return { type: 'no' };
  if (asking === 'slot') {
    const wish = readSlotWish(original);
    if (wish) return { type: 'slot', wish };
  }
  const option = chooseOption(plain, ctx, v.matcher);
  // At the name or address question a number that picks no option is a bad answer to it, not "pick 1 to 1".
  const answersQuestion = asksAddress || asking === 'name';
  if (option && !(answersQuestion && option.type === 'choose')) return withAmount(option, plain, ctx, v) ?? option;
  if (asking === 'how_many') {
    const amount = howMany(plain, v, ctx);
    if (amount) return amount;
  }
  if (asking === 'confirm_items') {
    const both = yesWithChange(plain, ctx, v);
    if (both) return both;
  }
  if (asking === 'confirm_changes' || asking === 'confirm_wish' || asking === 'confirm_back') {
    const answer = changeAnswer(original, plain);
    if (answer) return answer;
  }
  if (askedYesNo(ctx) && (lenientYes(plain) || saysYes(plain))) return { type: 'yes' };
  // "Then please place it now", "go ahead and place my order": a yes to "Shall I place it?" in its own words.
  if (asking === 'confirm_order' && PLACE_IT.test(plain) && !saysNo(plain) && !/\b(?:not|don'?t|do not|never)\b/.test(plain)) return { type: 'yes' };
  if (askedYesNo(ctx) && saysNo(plain)) return { type: 'no' };
  const read = (words: string) => classify(words, v);
  // Words of a product's name, other than grammar ("all" is a word of All-Purpose Cleaner, but no product said).
  const namesAnything = (clause: string) => words(normalize(clause)).some((w) => !SENTENCE_WORDS.has(w) && v.matcher.nameWords([w]) !== undefined && v.matcher.tokens(w).length > 0);
  const finished = finishing(original, plain, ctx, namesAnything);
  if (finished) return finished;
  const deliverTo = deliveryAddress(original);
  if (deliverTo) return { type: 'delivery', address: deliverTo };
  if (saysUnusableAddress(original)) return { type: 'unknown', text };
  // "when will it be back?", "r the eggs sold out": no date is known; whether it is in stock is.
  const stop = stopWish(original, v);
  if (stop) return stop;
  const back = backQuestion(original, ctx, v);
  if (back) return back;
  // "remove everything except the kiwis": the other lines of the cart out.
  const others = allBut(plain, ctx, v);
  if (others) return others;
  // "I am lactose intolerant. Which milk can I have": the allergy and the question are one, not two clauses.
  if ((/allerg|intoleran|lactose/.test(plain) || tellsDiet(plain)) && /[.!?;,-]\s*\S/.test(original)) {
    const diet = dietQuestion(plain, v);
    if (diet) return diet;
  }
  const parts = several(original, ctx, (clause) => backQuestion(clause, ctx, v) ?? withCart(normalize(clause), classify(normalize(clause), v), ctx, v, read), namesAnything);
  if (parts) return parts;
  const moved = asksAddress ? undefined : newAddress(original);
  if (moved) return moved;
  // "deliver to" and words that are no usable address (500 characters, "12"): not the delivery FAQ, and
  // never an address taken silently; the engine answers what it did not understand (at the address
  // question: "give me the street and number").
  if (!asksAddress && asking !== 'fulfilment' && asksWhereWeDeliver(original)) return { type: 'faq', topic: 'delivery' };

  const intent = withCart(text, addMoreOfLast(text, classify(text, v), ctx, v), ctx, v, read);
  // "hours?", "payment?": one word asked as a question is its FAQ (normalizing dropped the question mark).
  const question = /\?\s*$/.test(original);
  if (question && (intent.type === 'unknown' || (asking === 'name' && !isCommand(intent)))) {
    const topic = v.faq.match(original);
    if (topic) return { type: 'faq', topic };
  }
  // "ready?" asks after the order, whichever product has "ready" in its name.
  if (question && plain === 'ready') return { type: 'status' };
  if (asking === 'name') return nameAnswer(original, plain, intent, ctx, v);
  if (asksAddress) return addressAnswer(original, plain, intent, v);
  // "Delivery or pickup?", or "when?" answered with the other way after all ("actually I'll pick it up").
  if ((asking === 'fulfilment' || asking === 'slot') && (intent.type === 'unknown' || intent.type === 'add' || intent.type === 'yes')) {
    const how = fulfilmentSaid(plain);
    if (how) return how;
  }
  // "Actually, could I collect it from the shop instead?" at the read-back: the other way, not a yes or chatter.
  if (asking === 'confirm_order' && intent.type === 'unknown' && !/\b(?:my|someone|somebody|a friend|neighbou?r|if i'?m)\b/.test(plain)) {
    const how = fulfilmentSaid(plain);
    if (how) return how;
  }
  if (asking === 'fulfilment' && readsAsAddress(original)) {
    // "Delivery or pickup?" answered with a street address: delivery, there.
    const address = cleanAddress(original);
    if (address) return { type: 'delivery', address };
  }
  return intent;
}
