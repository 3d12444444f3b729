// Every sentence a customer sees, in one place, so it can be reviewed and translated together.
import { formatMoney, formatQty, labelFor, lineTotalCents } from '../domain/money';
import { optionId } from '../domain/option-id';
import type { Option, Order, OrderLine, OrderStatus, Product, ReplyItem, ReplyKey, SaidQuantity, Unit } from '../domain/types';
import type { PromotionKind } from '../domain/owner';
import { savedCents } from '../promotions/pricing';
import { isSoldByWeight, normalizeUnit } from '../domain/units';
import type { Opening, Preparation } from '../settings/hours';
import { slotKey, type DatedSlot } from '../domain/slots';
import type { DietClaim, ProductTag } from '../domain/tags';

/** How a claim is said of one product ("is vegan", "contains nuts"), of several ("are vegan", "contain nuts"), and denied. */
const CLAIM_WORDS: Record<DietClaim, { is: string; are: string; isnt: string }> = {
  vegan: { is: 'is vegan', are: 'are vegan', isnt: 'isn’t vegan' },
  vegetarian: { is: 'is vegetarian', are: 'are vegetarian', isnt: 'isn’t vegetarian' },
  'gluten-free': { is: 'is gluten free', are: 'are gluten free', isnt: 'isn’t gluten free' },
  'nut-free': { is: 'is nut free', are: 'are nut free', isnt: 'isn’t nut free' },
  organic: { is: 'is organic', are: 'are organic', isnt: 'isn’t organic' },
  halal: { is: 'is halal', are: 'are halal', isnt: 'isn’t halal' },
  kosher: { is: 'is kosher', are: 'are kosher', isnt: 'isn’t kosher' },
  'contains-nuts': { is: 'contains nuts', are: 'contain nuts', isnt: 'has no nuts' },
  'contains-gluten': { is: 'contains gluten', are: 'contain gluten', isnt: 'has no gluten' },
  'contains-milk': { is: 'contains milk', are: 'contain milk', isnt: 'has no milk' },
  'contains-egg': { is: 'contains egg', are: 'contain egg', isnt: 'has no egg' },
  'contains-soy': { is: 'contains soy', are: 'contain soy', isnt: 'has no soy' },
  'contains-meat': { is: 'contains meat', are: 'contain meat', isnt: 'has no meat' },
  'milk-free': { is: 'has no milk', are: 'have no milk', isnt: 'contains milk' },
  'egg-free': { is: 'has no egg', are: 'have no egg', isnt: 'contains egg' },
  'soy-free': { is: 'has no soy', are: 'have no soy', isnt: 'contains soy' },
};

/** A running promotion as the customer hears of it: what it gives, on what (a product's or a category's name). */
export interface Offer {
  kind: PromotionKind;
  percent?: number;
  buy?: number;
  pay?: number;
  on: string;
  wholeCategory: boolean;
}

/** The usual as it is read back: the lines at today's prices, and what cannot be had as usual. */
export interface UsualReadBack {
  /** The last order, what they buy most often, or the kind of a favourite ("coffee"). */
  of: 'last' | 'frequent' | string;
  lines: OrderLine[];
  total: number;
  /** Fewer than usual can be had: the amount that can (proposed instead). */
  short: { name: string; unit: Unit; qty: number }[];
  /** On sale, none left today. */
  soldOut: string[];
  /** Hidden by the owner or no longer sold: left out. */
  gone: string[];
}
/** What a list question about the food was asked of: a shelf, some words, both, or neither (the whole shop). */
export interface DietScope { category?: string; query?: string }

export interface CopyConfig {
  storeName: string;
  currency: string;
  locale: string;
  /** How customers reach a person at the store (STORE_CONTACT, else the SMS number); the answer to an SMS HELP. */
  storeContact?: string;
  /** Messages a phone may send a minute (RATE_PER_MINUTE), named when it is over. */
  ratePerMinute?: number;
}

/** Stands for the customer's saved address where it may not be read out (an unverified caller). */
export const SAVED_ADDRESS = 'your saved address';

/** The fixed options the bot offers, by id (see src/domain/option-id.ts); the labels are what customers see. */
export const OPTION = {
  checkout: { id: 'checkout', label: 'Check out' },
  cart: { id: 'cart', label: 'View cart' },
  browse: { id: 'browse', label: 'Browse' },
  help: { id: 'help', label: 'Help' },
  delivery: { id: 'delivery', label: 'Delivery' },
  pickup: { id: 'pickup', label: 'Pickup' },
  changeAddress: { id: 'change_address', label: 'Change address' },
  placeIt: { id: 'place_order', label: 'Yes, place it' },
  keepShopping: { id: 'keep_shopping', label: 'No, keep shopping' },
  yes: { id: 'yes', label: 'Yes' },
  no: { id: 'no', label: 'No' },
  human: { id: 'human', label: 'Talk to a person' },
  skip: { id: 'skip', label: 'Skip' },
  deals: { id: 'deals', label: 'Deals' },
  usual: { id: 'usual', label: 'My usual order' },
  tellMe: { id: 'yes', label: 'Yes, tell me' },
  noThanks: { id: 'no', label: 'No thanks' },
} as const satisfies Record<string, Option>;

/** "Add Limes": one of this product. */
export const addOption = (p: Pick<Product, 'sku' | 'name'>): Option => ({ id: optionId.add(p.sku), label: `Add ${p.name}` });
/** "Whole Milk (1 L)": this one, answering "which one?". */
export const pickOption = (p: Pick<Product, 'sku' | 'name'>): Option => ({ id: optionId.pick(p.sku), label: p.name });
/** "Yes, add 1": one of a product that is back in stock (sold by weight: "how much?" follows). */
export const backOption = (p: Pick<Product, 'sku' | 'unit'>): Option => ({ id: optionId.add(p.sku), label: isSoldByWeight(p.unit) ? 'Yes, add some' : 'Yes, add 1' });
/** A shelf of the store, answering "browse". */
export const shelfOption = (category: string): Option => ({ id: optionId.browse(category), label: category });
/** "Yes, place it", for the total the read-back quoted (a changed total makes it an old button). */
export const placeOption = (quotedCents: number): Option => ({ id: optionId.placeOrder(quotedCents), label: OPTION.placeIt.label });

/** "Tuesday 8 Dec, 9:00–12:00": a dated slot as customers see and hear it. */
export function slotWords(s: DatedSlot): string {
  const day = new Date(`${s.date}T00:00:00Z`);
  const weekday = day.toLocaleDateString('en-GB', { weekday: 'long', timeZone: 'UTC' });
  const date = day.toLocaleDateString('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' });
  const clock = (hhmm: string) => hhmm.replace(/^0(\d)/, '$1');
  return `${weekday} ${date}, ${clock(s.from)}–${clock(s.to)}`;
}
/** A free slot, offered: its id names it (see src/domain/option-id.ts). */
export const slotOption = (s: DatedSlot): Option => ({ id: optionId.slot(slotKey(s)), label: slotWords(s) });
/** "Later times": the next three free slots. */
export const MORE_SLOTS: Option = { id: 'slots_more', label: 'Later times' };

/** A reply that reads out a list: its text (with the list's lines) and its parts. */
export interface Listed {
  text: string;
  list: { intro: string; items: ReplyItem[]; outro?: string };
}

/** The text of a list as a screen shows it: the intro, a bullet per item, the outro. */
/** Products marked both ways for a claim (an older catalog), of which a list cannot say: "" for none. */
function bothWays(ps: readonly Product[]): string {
  if (!ps.length) return '';
  return `${ps.map((p) => p.name).join(', ')} ${ps.length === 1 ? 'is' : 'are'} marked both ways by the store, so I can’t say of ${ps.length === 1 ? 'it' : 'them'}.`;
}

function listed(intro: string, items: ReplyItem[], outro?: string): Listed {
  const text = [intro, ...items.map((i) => `• ${i.label}`), ...(outro ? [outro] : [])].join('\n');
  return { text, list: outro ? { intro, items, outro } : { intro, items } };
}

export function createCopy(cfg: CopyConfig) {
  const money = (cents: number) => formatMoney(cents, cfg.currency, cfg.locale);
  /** "$3.99/kg", "$1.29 each", "$2.49 a bag", "$0.99 an ear". */
  const price = (p: Product) => {
    const unit = normalizeUnit(p.unit);
    if (isSoldByWeight(unit)) return `${money(p.priceCents)}/${unit}`;
    if (unit === 'each') return `${money(p.priceCents)} each`;
    return `${money(p.priceCents)} ${/^[aeiou]/.test(unit) ? 'an' : 'a'} ${unit}`;
  };
  /** "2 × Milk" (each), "2 bags of Russet Potatoes", "1.5 kg Apples", "8 oz Cheddar". */
  const amount = (unit: Unit, qty: number, name: string) => {
    if (normalizeUnit(unit) === 'each') return `${qty} × ${name}`;
    return isSoldByWeight(unit) ? `${formatQty(unit, qty)} ${name}` : `${formatQty(unit, qty)} of ${name}`;
  };
  /** One line of a single piece or weight reads "was" ("Your 1 × Milk was"); more pieces read "were". */
  const l1 = (lines: { unit: Unit; qty: number }[]) => normalizeUnit(lines[0]!.unit) !== 'each' || lines[0]!.qty === 1;
  /** What one of a product sold by count is called: "piece" for each, else its label. */
  const piece = (p: Product, count = 1) => (normalizeUnit(p.unit) === 'each' ? labelFor('piece', count) : labelFor(p.unit, count));
  /** "how much are the ribeye steaks": a product sold by weight, counted in pieces, priced per piece too. */
  const perPiece = (p: Product) => (isSoldByWeight(p.unit) && p.pieceGrams
    ? ` (about ${money(lineTotalCents(p, p.pieceGrams))} each, at about ${formatQty(p.unit, p.pieceGrams)})` : '');
  /** Examples of a weight to say, in the product's own unit. */
  const weighExample = (p: Product) => {
    const unit = normalizeUnit(p.unit);
    if (unit === 'lb') return `“half a pound” or “1 lb ${p.name.toLowerCase()}”`;
    if (unit === 'oz') return `“4 oz” or “8 oz ${p.name.toLowerCase()}”`;
    if (unit === 'g') return `“10 g” or “100 g ${p.name.toLowerCase()}”`;
    return `“500 g” or “1 kg ${p.name.toLowerCase()}”`;
  };
  const line = (l: OrderLine) => `${amount(l.unit, l.qty, l.name)} — ${money(l.lineTotalCents)}`;
  /** A cart line as shown in the cart, the read-back and summaries: what it costs, and what its deal saves. */
  const paidLine = (l: OrderLine) => `${line(l)}${l.discountCents ? ` (you save ${money(l.discountCents)})` : ''}`;
  const saving = (saved: number) => (saved > 0 ? ` (you save ${money(saved)})` : '');
  const totalLine = (lines: OrderLine[], total: number) => `Total: ${money(total)}${saving(savedCents(lines))}`;
  const offer = (o: Offer) => {
    const on = o.wholeCategory ? `everything in ${o.on}` : o.on;
    return o.kind === 'percent' ? `${o.percent}% off ${on}` : `${o.buy} for the price of ${o.pay} on ${on}`;
  };
  /** "today at 8:00", "tomorrow at 8:00", "Tuesday at 8:00", "Tuesday 29 December at 8:00". */
  const opening = (o: Opening | undefined) => {
    if (!o) return 'when we open again';
    const at = o.at.replace(/^0(\d)/, '$1');
    // Open from 00:00: the store opens as that day begins, which "at 0:00" says badly.
    if (o.at === '00:00') return o.inDays <= 1 ? 'when we open at midnight tonight' : `when we open at midnight, as ${o.weekday} begins`;
    if (o.inDays === 0) return `when we open, today at ${at}`;
    if (o.inDays === 1) return `when we open, tomorrow at ${at}`;
    if (o.inDays < 7) return `when we open, ${o.weekday} at ${at}`;
    const date = new Date(`${o.date}T00:00:00Z`).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', timeZone: 'UTC' });
    return `when we open, ${o.weekday} ${date} at ${at}`;
  };
  const isAre = (names: string[]) => (names.length === 1 ? 'is' : 'are');
  /** What of the usual cannot be had as usual today: fewer of it, none, or no longer sold. */
  const unavailable = (u: Pick<UsualReadBack, 'short' | 'soldOut' | 'gone'>) => [
    ...u.short.map((l) => `Only ${formatQty(l.unit, l.qty)} of ${l.name} today.`),
    ...(u.soldOut.length ? [`${u.soldOut.join(', ')} ${isAre(u.soldOut)} sold out today.`] : []),
    ...(u.gone.length ? [`${u.gone.join(', ')} ${isAre(u.gone)} no longer available, so I’ve left ${u.gone.length === 1 ? 'it' : 'them'} out.`] : []),
  ];
  const STATUS: Record<OrderStatus, string> = {
    placed: 'placed — we’ll start on it shortly',
    preparing: 'being prepared',
    ready: 'ready for collection at the store',
    dispatched: 'on its way',
    delivered: 'delivered',
    cancelled: 'cancelled',
  };
  /** Where an order stands, in words: a pickup order is collected, not delivered. */
  const statusWords = (o: Order) => (o.fulfilment === 'pickup' && o.status === 'delivered' ? 'collected' : STATUS[o.status]);
  /** " It will be delivered Tuesday 8 Dec, 9:00–12:00.": an open order's slot, after a sentence; nothing without one. */
  const slotSentence = (o: Order) => (o.slot ? ` It will be ${o.fulfilment === 'delivery' ? 'delivered' : 'ready to collect'} ${slotWords(o.slot)}.` : '');
  const open = (o: Order) => o.status !== 'delivered' && o.status !== 'cancelled';

  return {
    money,
    price,
    amount,
    line,
    get welcomeNew() { return `Hi! 👋 Welcome to ${cfg.storeName}. I can put together your grocery order for delivery or pickup. First, what’s your name?`; },
    askNameAgain: 'What name should I put on your orders?',
    badName: 'Sorry, I didn’t get that as a name. What should I call you?',
    askAddress: (name: string) => `Nice to meet you, ${name}! What’s your delivery address? (Or say “pickup” if you’ll collect from the store.)`,
    badAddress: 'Could you give me the full street address, with the house number and street? Or say “pickup”.',
    registeredDelivery: (address: string) => `Got it — we’ll deliver to ${address}.`,
    registeredPickup: 'No problem — you can collect your orders from the store.',
    menu: 'What would you like today? Tell me like “2 kg potatoes and a dozen eggs”, ask “do you have avocados?”, or browse the shelves.',
    welcomeBack: (name: string) => `Welcome back, ${name}! 😊`,
    cartStillThere: (count: number, total: number) => `Your cart still has ${count} item${count === 1 ? '' : 's'} (${money(total)}).`,
    cartReleased: (names: string[]) => `We haven’t heard from you for a while, so I’ve put ${names.join(', ')} back on the shelf. Message me any time to start again!`,
    /** Lines put back after `minutes` without a message, or (`longest`) held as long as the store holds any line. */
    heldExpired: (lines: { unit: Unit; qty: number; name: string }[], minutes: number, longest = false) =>
      `Your ${lines.map((l) => amount(l.unit, l.qty, l.name)).join(', ')} ${lines.length === 1 && l1(lines) ? 'was' : 'were'} put back on the shelf after ${minutes} ${minutes === 1 ? 'minute' : 'minutes'}${longest ? ', the longest we can hold stock' : ' without a message'}.`,
    /** The question after lines were put back, and its button. */
    addAgain: (lines: { unit: Unit; qty: number }[]) => {
      const it = lines.length === 1 && l1(lines) ? 'it' : 'them';
      return { text: `Shall I add ${it} to your cart again?`, button: `Add ${it} again` };
    },
    added: (l: OrderLine) => `Added ${line(l)}.`,
    addedMore: (l: OrderLine, total: number) => `Added ${line(l)} (${formatQty(l.unit, total)} in your cart now).`,
    addedPieces: (l: OrderLine, pieces: number) => `Added ${pieces} ${l.name} (about ${formatQty(l.unit, l.qty)}) — ${money(l.lineTotalCents)}.`,
    updated: (l: OrderLine) => `Updated: ${line(l)}.`,
    removed: (name: string) => `Removed ${name}.`,
    notInCart: (name: string) => `${name} isn’t in your cart.`,
    nothingToChange: 'Which item should I change? Say something like “change the apples to 3”.',
    anythingElse: (total: number, saved = 0) => `Cart total: ${money(total)}${saving(saved)}. Anything else, or shall I check out?`,
    short: (p: Product, available: number, held: number) => available <= 0 && held === 0
      ? `Sorry, ${p.name} is out of stock right now.`
      : `Sorry, we only have ${formatQty(p.unit, available + held)} of ${p.name} left${held ? ` (${formatQty(p.unit, held)} already in your cart)` : ''}.`,
    alternatives: (ps: Product[]) => `You might like: ${ps.map((p) => `${p.name} (${price(p)})`).join(', ')}.`,
    /** `paused`: a product the owner has hidden for now, of which "we don't carry" would be untrue. */
    notFound: (query: string, suggestions: Product[], paused?: Product) => (paused
      ? `Sorry, ${paused.name} isn’t available right now.`
      : suggestions.length
        ? `I couldn’t find “${query}”. Did you mean ${suggestions.map((p) => p.name).join(', ')}?`
        : `Sorry, we don’t carry “${query}”.`),
    whichOne: (query: string) => `Which ${query} would you like?`,
    // What is in the food: said from the store's tags alone (src/domain/tags.ts), and where a tag only implies
    // the answer, the tag is named ("Oat Milk is vegan, so it has no milk").
    dietYes: (p: Product, claim: DietClaim, because: ProductTag) => (because === claim
      ? `Yes — ${p.name} ${CLAIM_WORDS[claim].is}.`
      : `Yes — ${p.name} ${CLAIM_WORDS[because].is}, so it ${CLAIM_WORDS[claim].is}.`),
    dietNo: (p: Product, claim: DietClaim, because: ProductTag) => `No — ${p.name} ${CLAIM_WORDS[because].is}, so it ${CLAIM_WORDS[claim].isnt}.`,
    dietUnknown: (p: Product, claim: DietClaim) => `I don’t know whether ${p.name} ${CLAIM_WORDS[claim].is}: the store hasn’t marked it. Shall I ask a person at the store?`,
    /** Marked both ways (data from before opposite tags were refused): neither answer can be trusted. */
    dietConflict: (p: Product, claim: DietClaim, tags: readonly [ProductTag, ProductTag]) => `I don’t know whether ${p.name} ${CLAIM_WORDS[claim].is}: the store has marked it both ${tags.map((t) => t.replace(/-/g, ' ')).join(' and ')}, which can’t both be right. Shall I ask a person at the store?`,
    /** `scope`: the shelf or the words asked about; `unknown`: how many of them are marked neither way; `more`: left off the list; `twoWay`: those marked both ways. */
    dietList: (claim: DietClaim, scope: DietScope, ps: Product[], unknown: number, more: number, twoWay: readonly Product[] = []): Listed => listed(
      scope.query ? `Of the ${scope.query}${scope.category ? ` in ${scope.category}` : ''}, these ${CLAIM_WORDS[claim].are}:`
        : scope.category ? `In ${scope.category}, these ${CLAIM_WORDS[claim].are}:` : `These ${CLAIM_WORDS[claim].are}:`,
      ps.map((p) => ({ label: `${p.name} — ${price(p)}`, cents: p.priceCents })),
      [more ? `…and ${more} more.` : '', unknown ? `I don’t know about the other ${unknown === 1 ? 'one' : unknown}: the store hasn’t marked ${unknown === 1 ? 'it' : 'them'}.` : '', bothWays(twoWay)].filter(Boolean).join(' ') || undefined,
    ),
    /** None has the tag: `marked` of them are marked otherwise, `unknown` neither way, `twoWay` both ways. */
    dietNone: (claim: DietClaim, scope: DietScope, marked: number, unknown: number, twoWay: readonly Product[] = []) => {
      const which = scope.query ? `the ${scope.query}${scope.category ? ` in ${scope.category}` : ''}` : `the products${scope.category ? ` in ${scope.category}` : ''}`;
      const are = CLAIM_WORDS[claim].are;
      const doubt = bothWays(twoWay);
      const ask = `${doubt ? `${doubt} ` : ''}Shall I ask a person at the store?`;
      if (!unknown && !doubt) return `None of ${which} ${are}, as the store marks them.`;
      if (!unknown) return marked ? `None of ${which} that the store has marked ${are}. ${ask}` : `I don’t know which of ${which} ${are}. ${ask}`;
      if (!marked) return `I don’t know which of ${which} ${are}: the store hasn’t marked ${unknown === 1 ? 'it' : 'them'}. ${ask}`;
      return `None of ${which} that the store has marked ${are}. I don’t know about the other ${unknown === 1 ? 'one' : unknown}: the store hasn’t marked ${unknown === 1 ? 'it' : 'them'}. ${ask}`;
    },
    soldByPiece: (p: Product) => `${p.name} is sold by the ${piece(p)} — how many would you like?`,
    wholePieces: (p: Product) => `${p.name} comes in whole ${piece(p, 2)} — how many would you like?`,
    needWeight: (p: Product) => `${p.name} is sold by weight (${price(p)}). How much would you like — for example ${weighExample(p)}?`,
    productInfo: (p: Product, available: number, about: 'price' | 'stock') => available > 0
      ? `${about === 'stock' ? 'Yes! ' : ''}${p.name}: ${price(p)}${perPiece(p)}, ${formatQty(p.unit, available)} in stock.`
      : `${p.name} (${price(p)}) is sold out right now.`,
    whichAmount: (a: number, b: number) => `${a} or ${b}? Just say the number you’d like.`,
    howManyPieces: (p: Product) => `How many ${p.name} would you like? Say a number, or a weight such as ${weighExample(p)}.`,
    howMany: (p: Product) => {
      const unit = normalizeUnit(p.unit);
      if (isSoldByWeight(unit)) return 'How much would you like?';
      return unit === 'each' ? 'How many would you like?' : `How many ${labelFor(unit, 2)} would you like?`;
    },
    category: (name: string, items: { p: Product; available: number }[]): Listed =>
      listed(`${name}:`, items.map(({ p, available }) => ({ label: `${p.name} — ${price(p)}${available > 0 ? '' : ' (sold out)'}`, cents: p.priceCents })), 'What would you like?'),
    categories: 'Here’s what we stock. Pick a shelf:',
    searchResults: (query: string, ps: Product[]): Listed | string => ps.length
      ? listed(`Here’s what I found for “${query}”:`, ps.map((p) => ({ label: `${p.name} — ${price(p)}`, cents: p.priceCents })))
      : `Sorry, I couldn’t find anything for “${query}”.`,
    /** The cart as a list; a string when it is empty. */
    cartList: (lines: OrderLine[], total: number, minutesLeft: number): Listed | string => lines.length
      ? listed('Your cart:', lines.map((l) => ({ label: paidLine(l), cents: l.lineTotalCents })),
        `${totalLine(lines, total)}\nI’m holding these for you for ${minutesLeft} more minute${minutesLeft === 1 ? '' : 's'}.`)
      : 'Your cart is empty. What would you like?',
    cartEmpty: 'Your cart is empty. What would you like?',
    emptyCheckout: 'Your cart is empty, so there’s nothing to check out yet. What would you like?',
    askFulfilment: (address: string | undefined, fee: number) => address
      ? `Shall we deliver to ${address} (${money(fee)} delivery), or will you pick up from the store (free)?`
      : `Will you pick up from the store (free), or shall we deliver (${money(fee)})? For delivery I’ll need your address.`,
    askNewAddress: 'What address should we deliver to?',
    readBack: (lines: OrderLine[], fulfilment: 'delivery' | 'pickup', fee: number, address?: string, slot?: DatedSlot): Listed => listed(
      'Here’s your order:',
      lines.map((l) => ({ label: paidLine(l), cents: l.lineTotalCents })),
      [
        fulfilment === 'delivery' ? `Delivery to ${address}: ${money(fee)}` : 'Pickup from the store: free',
        ...(slot ? [`${fulfilment === 'delivery' ? 'Delivered' : 'Ready to collect'} ${slotWords(slot)}`] : []),
        totalLine(lines, lines.reduce((s, l) => s + l.lineTotalCents, 0) + (fulfilment === 'delivery' ? fee : 0)),
        'Shall I place it?',
      ].join('\n'),
    ),
    placed: (o: Order, hideAddress = false) => `🎉 Order ${o.id} is placed! Total ${money(o.totalCents)}${saving(savedCents(o.lines))}, ${o.fulfilment === 'delivery' ? `delivered to ${hideAddress ? SAVED_ADDRESS : o.address}` : 'to collect from the store'}${o.slot ? ` on ${slotWords(o.slot)}` : ''}. Ask me “where is my order?” any time.`,
    askSlot: (fulfilment: 'delivery' | 'pickup') => (fulfilment === 'delivery'
      ? 'When would you like it delivered? Here are the next free times:'
      : 'When will you collect it? Here are the next free times:'),
    slotTaken: 'Sorry — that time has just filled up. Here are the next free ones:',
    noSlotThen: 'I don’t have a free time then. Here are the next free ones:',
    whichSlot: 'Which of these suits you?',
    noSlots: (fulfilment: 'delivery' | 'pickup') => `Sorry — every ${fulfilment === 'delivery' ? 'delivery' : 'pickup'} time in the coming week is full. Say “human” and a team member will help, or keep shopping.`,
    leftOut: 'No problem — I’ve left that one out.',
    /** After the order's confirmation, or the hours answer, outside opening hours. */
    preparedLater: (p: Extract<Preparation, { kind: 'later' }>) => {
      switch (p.reason) {
        case 'closure': return `We’re closed today${p.note ? ` (${p.note})` : ''}; we’ll prepare your order ${opening(p.opens)}.`;
        case 'after_cutoff': return `Orders placed after ${(p.cutoff ?? '').replace(/^0(\d)/, '$1')} are prepared the next opening day: we’ll prepare yours ${opening(p.opens).replace(/^when we open, /, '')}.`;
        default: return `We’re closed now; we’ll prepare your order ${opening(p.opens)}.`;
      }
    },
    belowMinimum: (minimumCents: number, subtotalCents: number) =>
      `Delivery orders start at ${money(minimumCents)}, and your basket is ${money(subtotalCents)} — add ${money(minimumCents - subtotalCents)} more and I’ll deliver it. Or choose pickup, which has no minimum.`,
    confirmAgain: 'Your order isn’t placed yet. Shall I place it? Say “yes”, or tell me what to change.',
    pricesChanged: 'Something changed since I read your order back (a price, an offer or your cart), so here it is again:',
    cartChanged: (names: string[]) => `Sorry — while we were talking, the hold on ${names.join(', ')} ran out and I couldn’t place the order. Please check your cart and try again.`,
    keepShopping: 'No problem, your cart is still here. What else would you like?',
    noOrders: 'You haven’t placed any orders yet.',
    status: (orders: Order[]) => orders.map((o) => `${o.id} (${money(o.totalCents)}): ${statusWords(o)}.${open(o) ? slotSentence(o) : ''}`).join('\n'),
    noCancellable: 'You have no open order to cancel.',
    confirmCancel: (o: Order) => `Cancel order ${o.id} (${money(o.totalCents)})?`,
    cancelled: (o: Order) => `Order ${o.id} is cancelled, and nothing will be charged.`,
    notCancellable: (o: Order) => `Order ${o.id} is already ${statusWords(o)}, so it can’t be cancelled here — orders can be cancelled until they leave the store. Say “human” and a team member will help.`,
    notYours: (id: string) => `I couldn’t find an order ${id} on your account.`,
    keptOrder: 'Okay, your order stays as it is.',
    confirmRestart: 'Start over? That empties your cart.',
    restarted: 'Fresh start — your cart is empty. What would you like?',
    keptCart: 'Okay, your cart is unchanged.',
    help: [
      'Here’s what I can do:',
      '• Order: “2 kg potatoes, a dozen eggs and 3 cokes”',
      '• Ask: “do you have avocados?”, “how much is butter?”',
      '• Change: “make it 3”, “remove the eggs”, “show my cart”',
      '• Finish: “check out”',
      '• After ordering: “where is my order?”, “cancel order”',
      '• “human” to talk to a person, “restart” to start over',
    ].join('\n'),
    handoff: 'I’ve asked a member of our team to take over — they’ll reply right here shortly.',
    wentThrough: 'Sorry for the trouble a moment ago — your last message did go through.',
    /** Cart lines a failed turn changed: what they hold now, and the products it took out. */
    cartWentThrough: (lines: { unit: Unit; qty: number; name: string }[], removed: string[]) =>
      `Sorry for the trouble a moment ago — your last change did go through: ${[
        ...lines.map((l) => `${amount(l.unit, l.qty, l.name)} in your cart now`),
        ...removed.map((n) => `${n} taken out`),
      ].join(', ')}.`,
    handoffWaiting: 'Got it — a member of our team will read this and answer you here as soon as they can.',
    thanks: 'You’re welcome! Anything else I can get you?',
    didntUnderstand: 'Sorry, I didn’t catch that. Try “2 apples and a milk”, “show my cart”, or “help”.',
    unansweredQuestion: 'I’m not sure about that one, and I’d rather not guess. Shall I ask someone at the store? They’ll answer you here.',
    noText: 'I can only read text messages for now — could you type what you need?',
    tooLong: 'That’s a long message! Could you send it in shorter pieces — a few items at a time?',
    trouble: 'Sorry, we’re having trouble on our side. Please try again in a minute.',
    pickNumber: (n: number) => `Please pick a number from 1 to ${n}, or type your answer.`,
    pickOne: 'Please pick one of these:',
    afterThat: (queries: string[]) => `Then I’ll ask about the ${queries.join(' and the ')}.`,
    unreadRest: 'Was there something else in that message? Tell me the product’s name and I’ll add it.',
    smalltalk: 'Sure — what would you like? Name a few things (“2 lemons and a loaf of bread”), or browse the shelves.',
    swapped: (from: string, to: OrderLine) => `Swapped ${from} for ${line(to)}.`,
    addressChanged: (address: string) => `Got it — I’ll deliver to ${address} from now on.`,
    whichFulfilment: 'Delivery or pickup? Tap one, or say which.',
    complaint: 'I’m sorry about that. I’ve passed it to a member of our team with your order — they’ll reply right here shortly.',

    // Registration: the name is asked at most twice, then it may be skipped
    askNameOrSkip: 'What name should I put on your orders? Or tap “Skip” to carry on without one.',
    badNameOrSkip: 'Sorry, I didn’t get that as a name. What should I call you? Or tap “Skip” to carry on without one.',
    askAddressNoName: 'No problem! What’s your delivery address? (Or say “pickup” if you’ll collect from the store.)',
    setUpFirst: 'Let’s finish setting you up first — it only takes a moment.',
    keptForLater: (count: number) => `Got it — I’ll add ${count === 1 ? 'that' : 'those'} to your cart as soon as we’re set up.`,
    keptFull: (max: number) => `I can keep up to ${max} items until we’re set up — please send the rest once we are.`,
    keptProposal: (source: 'image' | 'audio') => `Thanks for the ${source === 'image' ? 'picture' : 'voice note'} — I’ll read back what I found as soon as we’re set up.`,
    welcomeBackNoName: 'Welcome back! 😊',

    // A cart proposed from a photo or a voice note
    proposal: (source: 'image' | 'audio', items: ReplyItem[], missing: string[]): Listed => listed(
      source === 'image' ? 'Here’s what I read from your picture:' : 'Here’s what I heard in your voice note:',
      items,
      [...(missing.length ? [`I couldn’t find ${missing.map((m) => `“${m}”`).join(', ')}.`] : []), 'Shall I add these to your cart?'].join('\n'),
    ),
    proposalNothing: (source: 'image' | 'audio', missing: string[]) =>
      `Sorry, I couldn’t find anything we stock in your ${source === 'image' ? 'picture' : 'voice note'}${missing.length ? ` (${missing.map((m) => `“${m}”`).join(', ')})` : ''}. Could you type your order?`,
    proposalDropped: 'Okay, I haven’t added any of them. What would you like?',
    /** An item as a proposal reads it: "2 × Limes", "500 g Carrots", "Limes". */
    proposedItem: (name: string, unit: Unit, quantity: SaidQuantity) => {
      if (quantity.kind === 'none') return name;
      if (quantity.kind === 'grams') return `${formatQty('g', quantity.value)} ${name}`;
      return isSoldByWeight(unit) ? `${quantity.value} ${name}` : amount(unit, quantity.value, name);
    },

    // The usual: a past order proposed again, at today's prices; nothing set aside until "yes"
    /** The usual read back: `of` what (the last order, what they buy most, or a kind: "coffee"), its lines priced today, what is short or gone. */
    usual: (u: UsualReadBack): Listed => {
      const one = u.lines.length === 1;
      const intro = u.of === 'last' ? 'Your last order, at today’s prices:' : u.of === 'frequent' ? 'What you usually get, at today’s prices:' : `Your usual ${u.of}, at today’s price:`;
      return listed(intro, u.lines.map((l) => ({ label: paidLine(l), cents: l.lineTotalCents })), [
        ...unavailable(u),
        ...(one ? [] : [`Total today: ${money(u.total)}${saving(savedCents(u.lines))}`]),
        `Nothing’s set aside yet. Shall I add ${one ? 'it' : 'these'} to your cart?`,
      ].join('\n'));
    },
    /** The usual, of which nothing can be had today. */
    usualNone: (u: Pick<UsualReadBack, 'short' | 'soldOut' | 'gone'>) =>
      `Sorry — none of your usual can be had today. ${unavailable(u).join(' ')} Would you like to browse the shelves or see today’s deals?`,
    wishStopped: (names: string[]) => `Okay — I won’t message you when ${names.join(' or ')} ${names.length > 1 ? 'are' : 'is'} back.`,
    noWish: (queries: string[]) => (queries.length ? `You’re not waiting to hear about ${queries.join(' or ')}, so there’s nothing to stop.` : 'You’re not waiting to hear about anything coming back, so there’s nothing to stop.'),
    backUnknown: 'I can’t say when it’ll be back: the store hasn’t told me a date.',
    notInUsual: (queries: string[]) => `Your usual has no ${queries.join(' or ')}, so there’s nothing to leave out.`,
    unsureUsual: 'Did you mean your usual order? I can read your last order back to you, and nothing is added until you say yes. Or tell me the change you’d like.',
    noUsualYet: 'I don’t have an earlier order from this number, so there’s no usual to repeat yet.',
    noUsual: 'You haven’t ordered from us yet, so there’s no usual to repeat — once you have, just say “the usual”. Would you like to browse the shelves or see today’s deals?',
    /** A favourite of a kind never bought: said, then the kind is searched as usual. */
    noFavourite: (kind: string) => `You haven’t bought ${kind} from us before, so I won’t guess which one you like.`,

    // Promotions
    deals: (offers: Offer[]): Listed | string => offers.length
      ? listed('On offer right now:', offers.map((o) => ({ label: offer(o) })), 'Discounts show in your cart automatically.')
      : 'No offers right now — but everything’s fresh! What would you like?',

    // Limits
    oneMoment: `One moment, please — that’s more than ${cfg.ratePerMinute ?? 20} messages in a minute from this number. I’ll be ready for more within 1 minute.`,
    lineLimit: (p: Product, limit: number) => `One order can have at most ${formatQty(p.unit, limit)} of ${p.name}, so I’ve capped it there.`,
    atLineLimit: (p: Product, limit: number) => `You already have ${formatQty(p.unit, limit)} of ${p.name}, the most one order can have.`,
    badQuantity: 'Sorry, I can’t use that amount. Try a whole number, like “3 apples” or “500 g carrots”.',

    // SMS and WhatsApp keywords (STOP itself gets no reply: the platform confirms the opt-out)
    get optedBackIn() { return `Welcome back! You’ll get messages from ${cfg.storeName} here again. What would you like today?`; },
    get smsHelp() {
      return [
        `${cfg.storeName} ordering assistant.`,
        cfg.storeContact ? `To reach a person: ${cfg.storeContact}, or say “human”.` : 'To reach a person, say “human”.',
        'Reply STOP to stop messages, START to get them again.',
      ].join(' ');
    },

    // Phone calls whose speech or caller ID we cannot be sure of
    unsureAgain: 'Sorry, I didn’t catch that for sure — say yes again or press 1.',
    needsVerifiedCaller: 'For your privacy I can’t read out or change your orders on this call, because I can’t confirm the number you’re calling from. Text or chat with us from your phone and I’ll help right away. I can still take a new order!',

    // Channels
    get shareContact() { return `Hi! 👋 I’m the ordering assistant of ${cfg.storeName}. To take orders I need your phone number — it’s how I find your cart and orders on every channel. Tap “Share my phone number” below.`; },
    shareButton: '📱 Share my phone number',
    notOwnContact: 'Please share your own number with the button below — I can only take orders for the number you use.',
    badContact: 'Sorry, I couldn’t read that phone number. Please try the button again.',
    contactThanks: 'Thanks, got your number! ✅',
    textOnly: 'I can read text messages and button taps — please type what you need.',
    mediaUnreadable: 'Sorry, I couldn’t make out that picture or voice note just now. Could you type your order instead, like “2 kg potatoes and a dozen eggs”?',
    noMedia: 'I can only read text for now, so I can’t open pictures or voice notes. Please type your order, like “2 kg potatoes and a dozen eggs”.',
    get voiceHidden() { return `Sorry, I can only take orders from a phone number I can see. Please call ${cfg.storeName} again without hiding your number.`; },
    voiceStillThere: 'Are you still there? Tell me what you’d like, or say help.',
    voiceOfferText: 'Shall I text you a summary of your order? Say yes or press 1.',
    get voiceTexted() { return `I’m texting it to you now. Thanks for calling ${cfg.storeName}, goodbye!`; },
    get voiceNothingToText() { return `There’s nothing in your cart to text you yet. Thanks for calling ${cfg.storeName}, goodbye!`; },
    get voiceBye() { return `Thanks for calling ${cfg.storeName}, goodbye!`; },
    /** After three items of a long list read out on a call; `next`: how many the next "more" reads. */
    voiceMore: (next: number) => (next === 1 ? 'Say more to hear the last one.' : `Say more to hear the next ${next}.`),
    voicePickNumber: (n: number) => `Please say one of these, or press a key from 1 to ${n}.`,
    voiceOption: (label: string, n: number) => `say ${label}, or press ${n}`,
    cartSummary: (lines: OrderLine[], total: number): Listed | string => lines.length
      ? listed(`Your ${cfg.storeName} cart:`, lines.map((l) => ({ label: paidLine(l), cents: l.lineTotalCents })), `${totalLine(lines, total)}\nReply here or call us to finish your order.`)
      : `Your ${cfg.storeName} cart is empty.`,
    orderUpdate: (o: Order) => {
      const pickup = o.fulfilment === 'pickup';
      switch (o.status) {
        case 'preparing': return `Good news — we’re preparing your order ${o.id}.${slotSentence(o)}`;
        case 'ready': return `Your order ${o.id} is ready for collection at ${cfg.storeName}. See you soon!`;
        case 'dispatched': return pickup ? `Your order ${o.id} is ready for pickup at the store. See you soon!` : `Your order ${o.id} is on its way! 🚚${slotSentence(o)}`;
        case 'delivered': return pickup ? `Thanks for picking up order ${o.id}. Enjoy!` : `Your order ${o.id} has been delivered. Enjoy, and thanks for shopping with ${cfg.storeName}!`;
        case 'cancelled': return `Sorry — the store had to cancel your order ${o.id}, and nothing will be charged. Say “human” if you have questions.`;
        default: return `Your order ${o.id} is ${STATUS[o.status]}.${slotSentence(o)}`;
      }
    },
    // Changes at picking time: asked on the customer's channel, answered "yes" or "no"
    /** One question for the changes proposed together; "no" (or no answer in `minutes`) takes the lines off. */
    changesQuestion: (orderId: string, changes: { action: 'quantity' | 'substitute'; line: OrderLine; offer: OrderLine }[], minutes: number) => {
      const diff = (c: { line: OrderLine; offer: OrderLine }) => {
        const d = c.offer.lineTotalCents - c.line.lineTotalCents;
        return d === 0 ? 'the same price' : d > 0 ? `${money(d)} more` : `${money(-d)} less`;
      };
      const asks = changes.map((c) => (c.action === 'substitute'
        ? `We’re out of ${c.line.name}. ${amount(c.offer.unit, c.offer.qty, c.offer.name)} instead, ${diff(c)}?`
        : `We only have ${formatQty(c.line.unit, c.offer.qty)} of the ${formatQty(c.line.unit, c.line.qty)} ${c.line.name} you ordered. Take ${formatQty(c.line.unit, c.offer.qty)}, ${diff(c)}?`));
      const them = changes.length === 1 ? 'it' : 'those items';
      return `About your order ${orderId}: ${asks.join(' ')} Reply yes${changes.length > 1 ? ' to all' : ''} or no — “no” takes ${them} off your order, as we will if we don’t hear from you within ${minutes} minutes.`;
    },
    changesRemoved: (o: Order, names: string[]) => `Sorry — we’re out of ${names.join(' and ')}, so we’ve taken ${names.length === 1 ? 'it' : 'them'} off your order ${o.id}. Your new total is ${money(o.totalCents)}.`,
    changesAccepted: (o: Order) => `Done — your order ${o.id} is updated. New total: ${money(o.totalCents)}.`,
    changesDeclined: (o: Order, names: string[]) => `Okay — we’ve taken ${names.join(' and ')} off your order ${o.id}. New total: ${money(o.totalCents)}.`,
    changesExpired: (o: Order, names: string[]) => `We didn’t hear back, so we’ve taken ${names.join(' and ')} off your order ${o.id}. New total: ${money(o.totalCents)}.`,
    changesClosed: (o: Order) => `Your order ${o.id} is ${statusWords(o)} now, so it can’t be changed any more. Say “human” if you have questions.`,
    changesOrderEmptied: (o: Order) => `Your order ${o.id} has nothing left in it, so we’ve cancelled it — nothing will be charged.`,
    // Back in stock: a sold-out product's wish, and the notice when it is restocked
    offerWish: (p: Product) => `Shall I tell you when ${p.name} is back?`,
    /** `again`: the customer already waits for it and asked once more. */
    wishKept: (p: Product, again = false) => `${again ? '' : 'Okay — '}I’ll message you when ${p.name} is back in stock.`,
    noProblem: 'No problem.',
    backInStock: (p: Product) => `Good news — ${p.name} is back in stock at ${cfg.storeName}. ${isSoldByWeight(p.unit) ? 'Add some' : 'Add 1'} to your cart?`,
    goneAgain: (p: Product) => `Sorry — ${p.name} has sold out again already.`,
    /** To the store owner (OWNER_PHONE), once per product each time it runs low. */
    lowStock: (items: { name: string; left: string }[]) =>
      `Running low at ${cfg.storeName}: ${items.map((i) => `${i.name} (${i.left} left)`).join(', ')}. Time to restock?`,
  };
}

export type Copy = ReturnType<typeof createCopy>;

/** Snake case of a name: `anythingElse` → `anything_else`. */
type Snake<S extends string> = S extends `${infer C}${infer R}` ? `${C extends Lowercase<C> ? C : `_${Lowercase<C>}`}${Snake<R>}` : S;
/** Members of the copy that are pieces of sentences, or words a channel says around a reply: no message of their own. */
type Fragment = 'preparedLater' | 'money' | 'price' | 'amount' | 'line' | 'proposedItem' | 'voiceOption' | 'voiceMore' | 'voicePickNumber' | 'shareButton';
/** The reply key of each sentence of the copy. */
export type CopyKey = Snake<Exclude<keyof Copy & string, Fragment>>;
/** Keys of replies whose words are not one sentence of the copy (see REPLY_KEYS). */
type OtherKey = 'cart' | 'faq' | 'notification';
/** Compiles only when T is empty: a key named in the error has no sentence, or a sentence no key in REPLY_KEYS. */
type NoneLeft<T extends never> = T;
export type SentencesWithoutKey = NoneLeft<Exclude<CopyKey, ReplyKey>>;
export type KeysWithoutSentence = NoneLeft<Exclude<ReplyKey, CopyKey | OtherKey>>;
