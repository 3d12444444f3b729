// Messages built to find the slowest paths of the interpreter: long runs of numbers, number words, separators,
// product names and random words, each within the 1,000-character message limit. Shared by the property tests
// and `npm run bench`, so the figures and the bound are about the same inputs.

import { MAX_MESSAGE_CHARS as MAX_TEXT } from '../../src/domain/types';

/** A small deterministic generator, so every run measures the same "random" words. */
function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomWords(seed: number, length: number): string {
  const next = seeded(seed);
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  let out = '';
  while (out.length < length) {
    const n = 1 + Math.floor(next() * 9);
    for (let i = 0; i < n; i += 1) out += letters[Math.floor(next() * letters.length)];
    out += ' ';
  }
  return out.slice(0, length).trim();
}

/** Repeats a piece up to (not past) the message limit, or `times` times. */
const repeat = (piece: string, times = Math.floor(MAX_TEXT / piece.length)) => piece.repeat(Math.min(times, Math.floor(MAX_TEXT / piece.length)));

const PRODUCT_NAMES = ['apples', 'bananas', 'milk', 'eggs', 'bread', 'cheese', 'oat milk', 'salt and vinegar crisps',
  'diet coke', 'greek yoghurt', 'potatoes', 'carrots', 'tomatoes', 'dark chocolate', 'loo roll', 'pepperoni pizza'];

export const ADVERSARIAL: { name: string; text: string }[] = [
  { name: '"1 " x 50', text: repeat('1 ', 50) },
  { name: '"1 " x 100', text: repeat('1 ', 100) },
  { name: '"1 " x 150', text: repeat('1 ', 150) },
  { name: '"1 " x 200', text: repeat('1 ', 200) },
  { name: '"1 " x 500', text: repeat('1 ', 500) },
  { name: 'ten number words', text: 'one two three four five six seven eight nine ten' },
  { name: 'ten "twenty"s', text: repeat('twenty ', 10) },
  { name: 'number words to the limit', text: repeat('twenty five ') },
  { name: '"abcd, " x 166', text: repeat('abcd, ', 166) },
  { name: 'product names with spaces', text: repeat(`${PRODUCT_NAMES.join(' ')} `) },
  { name: 'product names with commas', text: repeat(`${PRODUCT_NAMES.join(', ')}, `) },
  { name: 'product names with "and"', text: repeat(`${PRODUCT_NAMES.join(' and ')} and `) },
  { name: 'quantities and names', text: repeat('2 kg apples 3 bananas a dozen eggs ') },
  { name: '"salt and " run', text: repeat('salt and ') },
  { name: 'commas', text: repeat(', ') },
  { name: '"and " run', text: repeat('and ') },
  { name: '"apples and " run', text: repeat('apples and ') },
  { name: '"a " run', text: repeat('a ') },
  { name: '"x " run', text: repeat('x ') },
  { name: '"half " run', text: repeat('half ') },
  { name: '"to " run (homophones)', text: repeat('to ') },
  { name: '"add " run', text: repeat('add ') },
  { name: '"please " run', text: repeat('please ') },
  { name: '"make it " + names', text: `make it ${repeat('apples to ', 98)}` },
  { name: '"change the " + "to"s', text: `change the ${repeat('milk to ', 120)}` },
  { name: '"do you have " + names', text: `do you have ${repeat('apples ', 140)}` },
  { name: '"how much is " + names', text: `how much is ${repeat('milk ', 195)}` },
  { name: '"remove " + names', text: `remove ${repeat('eggs and ', 110)}` },
  { name: '"show me " + words', text: `show me ${repeat('fruit ', 160)}` },
  { name: 'one 1,000-letter word', text: 'a'.repeat(MAX_TEXT) },
  { name: 'typo-length words', text: repeat('bananna ') },
  { name: '1,000 chars of random words (1)', text: randomWords(1, MAX_TEXT) },
  { name: '1,000 chars of random words (2)', text: randomWords(2, MAX_TEXT) },
  { name: '1,000 chars of random words (3)', text: randomWords(3, MAX_TEXT) },
  { name: '"constructor" words', text: repeat('constructor __proto__ toString hasOwnProperty valueOf ') },
  { name: 'digits with glued units', text: repeat('1kg 2x x3 ') },
  { name: 'politeness prefixes', text: `${repeat('ok, hi, ', 120)}zzz` },
  { name: '"i would like " run', text: `${repeat('i would like ', 75)}zzz` },
  { name: '"actually make " run', text: `${repeat('actually make ', 70)}it` },
  { name: '"where is my order" run', text: repeat('where is my order ') },
  { name: 'FAQ keywords run', text: repeat('how long to deliver ') },
  { name: 'long run of one word', text: repeat('milk ') },
  { name: 'apostrophes and dashes', text: repeat("'-.'-' ") },
];
