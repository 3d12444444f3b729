import { describe, expect, it } from 'vitest';
import { BUNDLED_CATALOG, BUNDLED_FAQ, loadCatalog, loadFaq, toProduct } from '../../src/catalog/load';
import type { Intent, InterpretContext, ItemRequest } from '../../src/understanding/interpreter';
import { RulesInterpreter } from '../../src/understanding/rules/index';

const interpreter = new RulesInterpreter(loadCatalog(BUNDLED_CATALOG).map(toProduct), loadFaq(BUNDLED_FAQ));

/** A compact, readable form of an intent: "add FRU-BAN x4, DAI-EGG x12", "add ?4 x3" (ambiguous among 4). */
function item(i: ItemRequest): string {
  const q = i.quantity.kind === 'count' ? ` x${i.quantity.value}` : i.quantity.kind === 'grams' ? ` ${i.quantity.value}g` : '';
  if (i.match.kind === 'product') return `${i.match.sku}${q}`;
  if (i.match.kind === 'ambiguous') return `?${i.match.skus.length}${q}`;
  return `!${i.query}${q}`;
}
function show(intent: Intent): string {
  switch (intent.type) {
    case 'add': case 'remove': return `${intent.type} ${intent.items.map(item).join(', ')}`;
    case 'ask': return `ask-${intent.about} ${intent.items.map(item).join(', ')}`;
    case 'set_qty': return `set ${intent.item ? `${item({ ...intent.item, quantity: { kind: 'none' } })} ` : ''}${intent.quantity.kind === 'grams' ? `${intent.quantity.value}g` : intent.quantity.kind === 'count' ? `x${intent.quantity.value}` : ''}`.trim();
    case 'quantity': return `qty ${intent.quantity.kind === 'grams' ? `${intent.quantity.value}g` : intent.quantity.kind === 'count' ? `x${intent.quantity.value}` : ''}`;
    case 'browse': return intent.category ? `browse ${intent.category}` : 'browse';
    case 'search': return `search ${intent.skus.join(' ')}`.trim();
    case 'faq': return `faq ${intent.topic}`;
    case 'choose': return `choose ${intent.index}`;
    case 'cancel_order': return intent.orderId ? `cancel_order ${intent.orderId}` : 'cancel_order';
    case 'option': return `option ${intent.id}`;
    case 'name': return `name ${intent.name}`;
    case 'address': return `address ${intent.address}`;
    case 'delivery': return intent.address ? `delivery ${intent.address}` : 'delivery';
    default: return intent.type;
  }
}

const ORDERING: InterpretContext = {};
const read = async (text: string, context: InterpretContext = ORDERING) => show(await interpreter.interpret(text, context));

const cases: [string, string][] = [
  // single items, numerals and number words
  ['2 avocados', 'add FRU-AVO x2'],
  ['two avocados', 'add FRU-AVO x2'],
  ['an avocado', 'add FRU-AVO x1'],
  ['avocado', 'add FRU-AVO'],
  ['Avocados please', 'add FRU-AVO'],
  ['twenty five limes', 'add FRU-LIM x25'],
  ['12 eggs', 'add DAI-EGG x12'],
  ['a dozen eggs', 'add DAI-EGG x12'],
  ['dozen eggs', 'add DAI-EGG x12'],
  ['half a dozen eggs', 'add DAI-EGG x6'],
  ['two dozen eggs', 'add DAI-EGG x24'],
  ['a couple of limes', 'add FRU-LIM x2'],
  ['couple lemons', 'add FRU-LEM x2'],
  ['a few lemons', 'add FRU-LEM x3'],
  ['a pair of toothbrushes', 'add PER-TBR x2'],
  ['3x avocado', 'add FRU-AVO x3'],
  ['3 x avocado', 'add FRU-AVO x3'],
  ['avocado x3', 'add FRU-AVO x3'],
  ['avocados x 4', 'add FRU-AVO x4'],
  ['limes 6', 'add FRU-LIM x6'],
  // weights
  ['2 kg apples', 'add FRU-APL-GAL 2000g'],
  ['2kg apples', 'add FRU-APL-GAL 2000g'],
  ['1.5kg potatoes', 'add VEG-POT 1500g'],
  ['1,5 kg potatoes', 'add VEG-POT 1500g'],
  ['500g carrots', 'add VEG-CAR 500g'],
  ['500 grams of cherries', 'add FRU-CHE 500g'],
  ['half a kilo of carrots', 'add VEG-CAR 500g'],
  ['half a kilo carrots', 'add VEG-CAR 500g'],
  ['a kilo of tomatoes', 'add VEG-TOM 1000g'],
  ['two kilos of onions', 'add VEG-ONI 2000g'],
  ['one and a half kilos of grapes', 'add FRU-GRP-RED 1500g'],
  ['a quarter kilo of ginger', 'add VEG-GIN 250g'],
  ['1 lb beef mince', 'add MEA-BEF-MIN 454g'],
  ['2 pounds of ground beef', 'add MEA-BEF-MIN 907g'],
  ['1.5 lb of ground beef', 'add MEA-BEF-MIN 680g'],
  ['half a pound of ham', 'add MEA-HAM 227g'],
  ['8 oz cheddar', 'add DAI-CHE-CHD 227g'],
  ['8oz cheddar', 'add DAI-CHE-CHD 227g'],
  ['4 ounces of cheddar', 'add DAI-CHE-CHD 113g'],
  ['10 g carrots', 'add VEG-CAR 10g'],
  // shelf labels: the label (singular or plural) and "of" do not disturb matching
  ['two bottles of milk', 'add ?4 x2'],
  ['a jar of honey', 'add PAN-HON x1'],
  ['another jar of honey', 'add PAN-HON x1'],
  ['3 packs of butter', 'add DAI-BUT x3'],
  ['2 loaves of rye', 'add BAK-RYE x2'],
  ['a loaf of rye bread', 'add BAK-RYE x1'],
  ['two bags of basmati rice', 'add PAN-RIC-BAS x2'],
  ['a bag of basmati', 'add PAN-RIC-BAS x1'],
  ['jar of honey please', 'add PAN-HON'],
  ['2 boxes of basmati rice and 3 tins of honey', 'add PAN-RIC-BAS x2, PAN-HON x3'],
  ['how much is a jar of honey', 'ask-price PAN-HON'],
  // a label word alone is never a product
  ['bags', 'smalltalk'],
  ['loaves', 'smalltalk'],
  ['jar of', 'smalltalk'],
  ['2 bags', 'qty x2'],
  ['three loaves', 'qty x3'],
  // several items in one message
  ['2 kg apples, a dozen eggs and 3 bottles of milk', 'add FRU-APL-GAL 2000g, DAI-EGG x12, ?4 x3'],
  ['2 kg apples a dozen eggs and 3 bottles of milk', 'add FRU-APL-GAL 2000g, DAI-EGG x12, ?4 x3'],
  ['bread, butter and jam', 'add ?4, DAI-BUT, PAN-JAM'],
  ['3 limes & 2 lemons', 'add FRU-LIM x3, FRU-LEM x2'],
  ['2 cokes plus a sprite', 'add DRI-COK x2, DRI-SPR x1'],
  ['2 apples 3 bananas', 'add FRU-APL-GAL x2, FRU-BAN x3'],
  ['6 eggs; 1 butter; 2 oat milk', 'add DAI-EGG x6, DAI-BUT x1, DAI-MLK-OAT x2'],
  ['salt and vinegar crisps and 2 spuds', 'add SNA-CRI-SVN, VEG-POT x2'],
  ['salt & vinegar crisps', 'add SNA-CRI-SVN'],
  ['salt and pepper', 'add PAN-SAL, PAN-PEP'],
  ['a baguette and some brie', 'add BAK-BAG-FR x1, !brie'],
  ['I would like 2 kg of potatoes and 4 bananas please', 'add VEG-POT 2000g, FRU-BAN x4'],
  ['can i get a coke and a diet coke', 'add DRI-COK x1, DRI-COK-DIE x1'],
  ['add milk chocolate and dark chocolate', 'add SNA-CHO-MLK, SNA-CHO-DRK'],
  // typos, plurals, aliases
  ['bananna', 'add FRU-BAN'],
  ['2 banannas', 'add FRU-BAN x2'],
  ['tomatos', 'add VEG-TOM'],
  ['3 potatos', 'add VEG-POT x3'],
  ['avacado', 'add FRU-AVO'],
  ['brocoli', 'add VEG-BRO'],
  ['strawberies', 'add FRU-STR'],
  ['2 yoghurt greek', 'add DAI-YOG-GRK x2'],
  ['cucumbers', 'add VEG-CUC'],
  ['peaches', 'add FRU-PCH'],
  ['coke', 'add DRI-COK'],
  ['spuds', 'add VEG-POT'],
  ['oj', 'add DRI-OJ'],
  ['loo roll', 'add HOU-TOI'],
  ['2 bin bags', 'add HOU-BIN x2'],
  ['nappies', 'add BAB-NAP'],
  ['courgettes', 'add VEG-ZUC'],
  ['mayo', 'add PAN-MAY'],
  ['evoo', 'add PAN-OIL-OLV'],
  // ambiguous names
  ['milk', 'add ?4'],
  ['cheese', 'add ?4'],
  ['2 pizzas', 'add FRO-PIZ-MAR x2'],
  ['pepperoni pizza', 'add FRO-PIZ-PEP'],
  // speech-to-text: no punctuation, homophones
  ['add to apples', 'add FRU-APL-GAL x2'],
  ['add too limes', 'add FRU-LIM x2'],
  ['i want for bananas', 'add FRU-BAN x4'],
  ['add for avocados and to lemons', 'add FRU-AVO x4, FRU-LEM x2'],
  ['um can i have to cokes please', 'add DRI-COK x2'],
  ['i need too kilos of potatoes', 'add VEG-POT 2000g'],
  ['add two apples to my cart', 'add FRU-APL-GAL x2'],
  ['yeah add a dozen eggs', 'add DAI-EGG x12'],
  ["I'd like to order apples", 'add FRU-APL-GAL'],
  ['i want to buy three limes', 'add FRU-LIM x3'],
  // questions about price and stock
  ['do you have avocados?', 'ask-stock FRU-AVO'],
  ['Do you sell oat milk', 'ask-stock DAI-MLK-OAT'],
  ['have you got any strawberries', 'ask-stock FRU-STR'],
  ['are bananas in stock', 'ask-stock FRU-BAN'],
  ['how much is milk?', 'ask-price ?4'],
  ['how much are avocados', 'ask-price FRU-AVO'],
  ['whats the price of butter', 'ask-price DAI-BUT'],
  ['how much do cherries cost', 'ask-price FRU-CHE'],
  ['do you have dragon fruit', 'ask-stock !dragon fruit'],
  // changing and removing
  ['make it 3', 'set x3'],
  ['make that two kilos', 'set 2000g'],
  ['actually make it a dozen', 'set x12'],
  ['change the avocados to 5', 'set FRU-AVO x5'],
  ['change milk to 2', 'set ?4 x2'],
  ['just 2', 'set x2'],
  ['make it 0', 'set x0'],
  ['remove the eggs', 'remove DAI-EGG'],
  ['take out the coke', 'remove DRI-COK'],
  ['no more bananas', 'remove FRU-BAN'],
  ["i don't want the avocados", 'remove FRU-AVO'],
  ['delete eggs and butter from my cart', 'remove DAI-EGG, DAI-BUT'],
  // pure quantities (answers to "how many?")
  ['three', 'qty x3'],
  ['500 g', 'qty 500g'],
  ['a dozen', 'qty x12'],
  // commands from anywhere
  ['help', 'help'],
  ['what can you do?', 'help'],
  ['I want to talk to a human', 'human'],
  ['can i speak to someone', 'human'],
  ['restart', 'restart'],
  ['start over', 'restart'],
  ['show my cart', 'show_cart'],
  ["what's in my basket?", 'show_cart'],
  ['checkout', 'checkout'],
  ['check out please', 'checkout'],
  ["that's all", 'checkout'],
  ["no that's it", 'checkout'],
  ['where is my order?', 'status'],
  ['order status', 'status'],
  ['cancel my order', 'cancel_order'],
  ['cancel order ORD-1042', 'cancel_order ORD-1042'],
  ['yes', 'yes'],
  ['Yes, place it', 'yes'],
  ['yep', 'yes'],
  ['no', 'no'],
  ['No, keep shopping', 'no'],
  ['2', 'choose 2'],
  ['#3', 'choose 3'],
  ['delivery', 'delivery'],
  ['pick up', 'pickup'],
  ['hi', 'greet'],
  ['Good morning!', 'greet'],
  ['thanks', 'thanks'],
  // browsing, searching and the FAQ
  ['menu', 'browse'],
  ['what do you sell', 'browse'],
  ['show me fruit', 'browse Fruit'],
  ['veg', 'browse Vegetables'],
  ['what drinks do you have', 'browse Drinks'],
  ['Dairy & Eggs', 'browse Dairy & Eggs'],
  ['frozen', 'browse Frozen'],
  ['looking for tea', 'search DRI-TEA-BLK DRI-TEA-GRN'],
  ['what time do you close?', 'faq hours'],
  ['are you open on sunday', 'faq hours'],
  ['do you deliver to Oak Street?', 'faq delivery'],
  ['how much is delivery', 'faq delivery'],
  ['can i pay by card', 'faq payment'],
  ['where are you located', 'faq location'],
  // negative cases: nothing may be added
  ['i like turtles', 'unknown'],
  ['to be or not to be', 'smalltalk'],
  ['what is the meaning of life', 'unknown'],
  ['🍌🍌🍌', 'unknown'],
  ['!!!', 'unknown'],
  ['asdfghjkl', 'unknown'],
  ['me too', 'smalltalk'],
  ['the weather is nice', 'unknown'],
  ['I am looking forward to it', 'unknown'],
  ['2 flux capacitors', 'add !flux capacitors x2'],
  ['-5 limes', 'unknown'],
  ['0 limes', 'unknown'],
  ['1e9 limes', 'unknown'],
  // irregular plurals and "of" phrases (issue 10)
  ['three loaves of rye', 'add BAK-RYE x3'],
  ['four loaves of sourdough', 'add BAK-BRD-SOU x4'],
  ['2 boxes of cereal', 'add BRE-CRN x2'],
  ['a box of cereal bars', 'add SNA-GRB x1'],
  ['3 cereal bars', 'add SNA-GRB x3'],
  ['six boxes of matches', 'add HOU-LIG x6'],
  ['a couple of loaves', 'qty x2'],
  ['a couple of tins of tuna', 'add PAN-TUN x2'],
  ['half a dozen free range eggs', 'add DAI-EGG x6'],
  ['two cartons of oat milk', 'add DAI-MLK-OAT x2'],
  ['three tubs of greek yogurt', 'add DAI-YOG-GRK x3'],
  // speech-to-text homophones beyond the first word
  ['can I get too boxes of cereal', 'add BRE-CRN x2'],
  ['for cans of tuna', 'add PAN-TUN x4'],
  ["I'd like to loaves", 'qty x2'],
  ["I'd like to loaves of rye", 'add BAK-RYE x2'],
  ['and won bottle of milk', 'add ?4 x1'],
  ['ate eggs', 'add DAI-EGG x8'],
  ['could i have for tins of baked beans', 'add PAN-BEA-BKD x4'],
  ['i need too bags of rice', 'add PAN-RIC-BAS x2'],
  ['give me won jar of honey', 'add PAN-HON x1'],
  // ...and "to"/"for" stay words where no amount fits
  ['i want to order bananas', 'add FRU-BAN'],
  ['looking for tea', 'search DRI-TEA-BLK DRI-TEA-GRN'],
  ["I'd like to", 'smalltalk'],
  ['what is good for dinner', 'smalltalk'],
  ['is it too late', 'unknown'],
  ['quarter of a kilo of ginger', 'add VEG-GIN 250g'],
  ['half of a kilo of carrots', 'add VEG-CAR 500g'],
  // weights (the engine converts to the product's unit)
  ['250g of cheddar', 'add DAI-CHE-CHD 250g'],
  ['half a kilo of apples', 'add FRU-APL-GAL 500g'],
  ['10 g carrots', 'add VEG-CAR 10g'],
  ['300 grams of cherry tomatoes', 'add VEG-TOM-CHR 300g'],
  ['free-range eggs', 'add DAI-EGG'],
  // delivery, with an address said outright, from any stage
  ['deliver to 5 Elm Street please', 'delivery 5 Elm Street'],
  ['can you deliver it to 12 Oak Ave', 'delivery 12 Oak Ave'],
  ['send it to 3 High St', 'delivery 3 High St'],
  ['Could you please bring my order to Flat 2, 10 Mill Road?', 'delivery Flat 2, 10 Mill Road'],
  ['I would like it delivered to 44 Baker Street', 'delivery 44 Baker Street'],
  ['deliver to my house', 'delivery'],
  ['do you deliver to Oak Street?', 'faq delivery'],
  ['yes please do', 'yes'],
  ['go on then', 'yes'],
  // "to"/"for" in ordinary sentences are no amounts and name no product (attack 11)
  ['for delivery please', 'delivery'],
  ['by delivery', 'delivery'],
  ['for pickup please', 'pickup'],
  ['is this for two people', 'smalltalk'],
  ['I need to go', 'smalltalk'],
  ['I have to go', 'smalltalk'],
  ['i want to go home', 'smalltalk'],
  ['is that for me', 'smalltalk'],
  ['it is for to people', 'smalltalk'],
  ['to be honest 3 apples', 'add FRU-APL-GAL x3'],
  ['add bananas for me', 'add FRU-BAN'],
  ['two bananas for the kids', 'add FRU-BAN x2'],
  ['add 2 for me', 'qty x2'],
  ['add 2 for us please', 'qty x2'],
  ['2 flux capacitors', 'add !flux capacitors x2'],
  ['add flux capacitor', 'add !flux capacitor'],
  // "some" is no number: the bot asks how many (attack 16)
  ['some bananas', 'add FRU-BAN'],
  ["I'd like some bananas", 'add FRU-BAN'],
  ['can I have some apples and some limes', 'add FRU-APL-GAL, FRU-LIM'],
  ['some more bananas', 'add FRU-BAN'],
  // "deliver to" with no usable address: not the FAQ (attack 9)
  [`deliver to ${'x'.repeat(510)}`, 'unknown'],
  ['deliver to 12', 'unknown'],
  // a command after a wish is the command, not an order for "to check out"
  ['I want to check out', 'checkout'],
  ["I'd like to start over", 'restart'],
  ['can I pick it up', 'pickup'],
  ['i want delivery', 'delivery'],
];

const HOW_MANY: InterpretContext = { asking: { kind: 'how_many', sku: 'FRU-MAN' } };
const CANCEL: InterpretContext = { asking: { kind: 'confirm_cancel', orderId: 'ORD-1042' }, options: [{ id: 'yes', label: 'Yes' }, { id: 'no', label: 'No' }] };
const RESTART: InterpretContext = { asking: { kind: 'confirm_restart' } };
const READ_BACK: InterpretContext = { asking: { kind: 'confirm_order' } };
const AFTER_BANANAS: InterpretContext = { lastSku: 'FRU-BAN', cart: [{ sku: 'FRU-BAN', name: 'Bananas', qty: 2 }] };

/** Answers that mean something only after the bot's own question: the context decides. */
const inContext: [string, InterpretContext, string][] = [
  // "have you got mangoes?" → "Yes … how many?"
  ['lovely, three then', HOW_MANY, 'qty x3'],
  ['ok 2 please', HOW_MANY, 'qty x2'],
  ['just the one', HOW_MANY, 'qty x1'],
  ['make it four', HOW_MANY, 'qty x4'],
  ['2', HOW_MANY, 'qty x2'],
  ['great, a dozen please', HOW_MANY, 'qty x12'],
  ['hmm, maybe 5', HOW_MANY, 'qty x5'],
  ["I'll take six of them", HOW_MANY, 'qty x6'],
  ['make it 2 kilos', HOW_MANY, 'qty 2000g'],
  ['yeah to please', HOW_MANY, 'qty x2'],
  // ...while a new request or a command in its place keeps its own meaning
  ['2 bags of potatoes', HOW_MANY, 'add VEG-POT x2'],
  ['actually no', HOW_MANY, 'smalltalk'],
  ['checkout', HOW_MANY, 'checkout'],
  ['lovely, three then', ORDERING, 'smalltalk'],
  // a yes/no question asking: yes in other words
  ['yes please do', CANCEL, 'yes'],
  ['go on then', CANCEL, 'yes'],
  ['ok do it', RESTART, 'yes'],
  ['yeah go ahead thanks', RESTART, 'yes'],
  ['sure, that is fine', READ_BACK, 'yes'],
  ['yes please, place it', READ_BACK, 'yes'],
  ['no', CANCEL, 'option no'],
  ['no thanks', RESTART, 'no'],
  // ...and a yes with a request in it is the request, never the yes
  ['yes but add milk', RESTART, 'add ?4'],
  ['sure do you have milk', READ_BACK, 'ask-stock ?4'],
  // "add 2 for me" after bananas: two more bananas (attack 11)
  ['add 2 for me', AFTER_BANANAS, 'add FRU-BAN x2'],
  ['add 3 more', AFTER_BANANAS, 'add FRU-BAN x3'],
  ['add 2 for me', HOW_MANY, 'qty x2'],
];

describe('the offline parser', () => {
  it('has at least 100 cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(100);
  });
  it.each(cases)('%s → %s', async (input, expected) => {
    expect(await read(input)).toBe(expected);
  });
});

describe('the offline parser, after the bot asked something', () => {
  it.each(inContext)('%s (%o) → %s', async (input, context, expected) => {
    expect(await read(input, context)).toBe(expected);
  });
});
