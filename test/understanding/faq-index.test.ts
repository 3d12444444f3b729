import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BUNDLED_FAQ, loadFaq } from '../../src/catalog/load';
import { complaintAbout, FaqIndex } from '../../src/understanding/rules/faq';

const index = new FaqIndex(loadFaq(BUNDLED_FAQ));

// Questions about the shop, in many voices; few of them are worded like data/faq.json's examples.
const questions: [string, string][] = [
  ['what time do you close', 'hours'],
  ['What time do you close on Saturday?', 'hours'],
  ['are you open on sunday', 'hours'],
  ['r u open 2moro', 'hours'],
  ['opening hours', 'hours'],
  ['wat r ur timings', 'hours'],
  ['when do you shut', 'hours'],
  ['What are your hours today?', 'hours'],
  ['till what time is the store open?', 'hours'],
  ['u open now?', 'hours'],
  ['any idea when you close?', 'hours'],
  ['Is the shop open on Bank Holiday Monday?', 'hours'],
  ["what time d'you open in the mornings", 'hours'],
  ['Hi, are you guys open late tonight?', 'hours'],
  ['can I pay by card', 'payment'],
  ['do you take cash?', 'payment'],
  ['can i pay with amex', 'payment'],
  ['do u accept google pay', 'payment'],
  ['payment options?', 'payment'],
  ['Is contactless OK at the door?', 'payment'],
  ['Do you take cards?', 'payment'],
  ['Can I pay cash on delivery?', 'payment'],
  ['What are the modes of payment available?', 'payment'],
  ['do you do card payments at the door', 'payment'],
  ['do you deliver to Leeds', 'delivery'],
  ['do u deliver to leeds?', 'delivery'],
  ['how much is delivery', 'delivery'],
  ['How much do you charge for delivery?', 'delivery'],
  ['delivery charges?', 'delivery'],
  ['how long does delivery take', 'delivery'],
  ['Can you deliver today?', 'delivery'],
  ['do you do home delivery', 'delivery'],
  ['Is there a delivery fee?', 'delivery'],
  ['what areas do you deliver to', 'delivery'],
  ['Kindly tell me whether home delivery is available in Koramangala', 'delivery'],
  ["what's the delivery fee to Oak Street", 'delivery'],
  ["where's the shop", 'location'],
  ['where are you', 'location'],
  ['where r u', 'location'],
  ['What is your address?', 'location'],
  ['where are you based?', 'location'],
  ['how do i find you', 'location'],
  ['is there parking', 'location'],
  ['Where exactly is your store located?', 'location'],
  ["what's the shop's address pls", 'location'],
  ['can I return this', 'returns'],
  ['What is your return policy?', 'returns'],
  ['can i get a refund?', 'returns'],
  ['I want to return something', 'returns'],
  ['do you do refunds', 'returns'],
  ['How do I send something back?', 'returns'],
  ['Can I exchange it for another one?', 'returns'],
  ['returns policy', 'returns'],
  ['whats ur return policy', 'returns'],
  ['How do I get my money back?', 'returns'],
  ['Good afternoon, could you tell me your opening hours on Saturday?', 'hours'],
  ['do you deliver to postcode LS6?', 'delivery'],
  ['how do i pay for my order', 'payment'],
  ['where is your shop situated', 'location'],
];

// Orders, chit-chat and questions about products: none is an FAQ, even when it shares a word with one.
const notQuestions = [
  'add 2 open sandwiches',
  'any open-faced sandwiches?',
  'open sandwiches?',
  'do you have open sandwiches',
  '2 milk and bread',
  'put eggs on my list',
  'add cash back',
  'is the bread fresh',
  'how much are the eggs',
  'How much is the milk?',
  'where is the milk',
  "where's my order",
  'how are you',
  'what are you',
  'who are you',
  'hello',
  'thanks so much!',
  'do you have milk',
  'can I get 2 milk?',
  'can I have some bread',
  'I want to add milk',
  'remove the bread',
  'what do you sell',
  'when will the bread be back in stock',
  'is the milk organic',
  'how much for 2 loaves',
  'i need 3 cards for a birthday',
  'birthday card',
  '2 greeting cards',
  'are the bananas ripe',
  'i will pay you back',
  'can you open the tin for me',
  'is the cafe open',
  'how late is my order',
  'the delivery was late',
  'how much is that',
  'what is in my basket',
  'are there any deals today?',
  'do you have gluten free bread?',
  'how do I cancel my order',
  'gimme 6 eggs n a loaf',
  'Could I get a dozen free range eggs please?',
  'Do you stock paneer and atta?',
  'my order was missing the bread',
  'the eggs came broken',
  'change the milk to 2',
  'ok cool',
  'yes please',
  'yes deliver please',
  'go back',
  'close the order',
  'card',
  'open',
  'what time is my delivery',
  'has my order been delivered?',
  'change my delivery address',
  'deliver to 4 elm row please',
  'do you sell return tickets',
  'cash machine nearby?',
  'where do you keep the eggs',
  'what aisle is the pasta in',
  'i would like to order',
  'can you close my basket',
  'Can I order for tomorrow?',
];

describe('FaqIndex', () => {
  it.each(questions)('%j is the %s FAQ', (text, topic) => {
    expect(index.match(text)).toBe(topic);
  });

  it.each(notQuestions)('%j is no FAQ', (text) => {
    expect(index.match(text)).toBeUndefined();
  });

  it('reads keywords written as regex fragments and entries without example questions', () => {
    const own = new FaqIndex([{ topic: 'parking', keywords: ['car ?park', 'parking'], answer: 'Free parking out front.' }]);
    expect(own.match('is there a car park?')).toBe('parking');
    expect(own.match('do you have parking')).toBe('parking');
    expect(own.match('add a parking voucher')).toBeUndefined();
  });

  it('answers any text with one of its topics or nothing', () => {
    const topics = new Set([undefined, 'hours', 'delivery', 'payment', 'location', 'returns']);
    fc.assert(fc.property(fc.string({ maxLength: 200 }), (text) => topics.has(index.match(text))));
  });

  it('answers nothing from an empty FAQ or an empty message', () => {
    expect(new FaqIndex([]).match('what time do you close')).toBeUndefined();
    expect(index.match('')).toBeUndefined();
    expect(index.match('?!')).toBeUndefined();
  });
});

const complaints: [string, string][] = [
  ['my order was missing the bread', 'missing'],
  ['half my stuff wasnt there', 'missing'],
  ["you forgot the milk", 'missing'],
  ['I only got 5 of the 6 yogurts', 'missing'],
  ['there was no bread in my bag', 'missing'],
  ["Items are missing from my order", 'missing'],
  ["I didn't receive the eggs I paid for", 'missing'],
  ['the eggs came broken', 'damaged'],
  ['the bananas were rotten', 'damaged'],
  ['the milk was off', 'damaged'],
  ['I received a damaged packet of atta', 'damaged'],
  ['my yoghurt is out of date', 'damaged'],
  ['the juice leaked all over the bag', 'damaged'],
  ['you sent me the wrong milk', 'wrong_item'],
  ['I ordered semi skimmed but got whole milk', 'wrong_item'],
  ["pretty sure I got someone else's shopping", 'wrong_item'],
  ['delivery boy gave wrong item', 'wrong_item'],
  ['the delivery never arrived', 'late'],
  ["my order still hasn't arrived", 'late'],
  ['the driver was over an hour late', 'late'],
  ['still waiting for my delivery, ordered at 9', 'late'],
  ['I was charged twice for my order', 'other'],
  ['the driver was really rude', 'other'],
  ['Not happy with my order at all', 'other'],
  ['ice cream arrived melted', 'damaged'],
  ['missing items in todays order', 'missing'],
  ['this is not what I ordered', 'wrong_item'],
  ['why is my order so late', 'late'],
];


const notComplaints = [
  'remove the broken eggs',
  "I'm missing milk, add some",
  'do you refund broken eggs?',
  'what if something arrives damaged?',
  'are you open late?',
  'can I return this',
  'I typed the wrong address',
  'I gave you the wrong postcode',
  'is the bread stale?',
  'do you have any broken biscuits',
  'can I get a late delivery slot',
  "I'll be home late so deliver after 8",
  'what time do you close',
  '2 milk and bread',
  'add the wrong-way-round crisps',
  'is my order late?',
  "I broke my phone lol",
  'my wife is late for work',
  '2 packs of broken biscuits',
  'cracked black pepper please',
  'add some eggs, the last ones were great',
  'has my order been delivered?',
  'I missed your call',
];

describe('complaintAbout', () => {
  it.each(complaints)('%j is a complaint: %s', (text, kind) => {
    expect(complaintAbout(text)).toBe(kind);
  });

  it.each(notComplaints)('%j is no complaint', (text) => {
    expect(complaintAbout(text)).toBeUndefined();
  });
});
