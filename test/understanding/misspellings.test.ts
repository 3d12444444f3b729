// Misspelt product names against the bundled catalog: swapped, dropped and doubled letters, vowels and
// sound-alike consonants still find the product meant, while the ordinary words customers write around an
// order ("later", "could", "dinner") are no product's typo.
import { describe, expect, it } from 'vitest';
import { BUNDLED_CATALOG, loadCatalog, toProduct } from '../../src/catalog/load';
import type { Product } from '../../src/domain/types';
import { ProductMatcher } from '../../src/understanding/rules/matcher';

const products = loadCatalog(BUNDLED_CATALOG).map(toProduct);
const matcher = new ProductMatcher(products);

/** Misspellings that name exactly one product: [typed, sku, what went wrong]. */
const ONE_PRODUCT: [string, string, string][] = [
  ['bagles', 'BAK-BAG', 'swapped letters'],
  ['noodels', 'PAN-NOO', 'swapped letters'],
  ['maple syurp', 'BRE-SYR', 'swapped letters'],
  ['sasuages', 'MEA-SAU', 'swapped letters'],
  ['mustrad', 'PAN-MUS', 'swapped letters'],
  ['tiolet paper', 'HOU-TOI', 'swapped letters'],
  ['prawsn', 'MEA-PRW', 'swapped letters'],
  ['panckae mix', 'BRE-PAN', 'swapped letters'],
  ['grapse', 'FRU-GRP-RED', 'swapped letters'],
  ['crossiant', 'BAK-CRO', 'swapped letters'],
  ['muhsrooms', 'VEG-MUS', 'swapped letters'],
  ['eggplnat', 'VEG-AUB', 'swapped letters'],
  ['oat mlik', 'DAI-MLK-OAT', 'swapped letters'],
  ['brocoli', 'VEG-BRO', 'dropped letter'],
  ['spagetti', 'PAN-PAS-SPA', 'dropped letter'],
  ['chedar', 'DAI-CHE-CHD', 'dropped letter'],
  ['letuce', 'VEG-LET', 'dropped letter'],
  ['cucmber', 'VEG-CUC', 'dropped letter'],
  ['strawbery', 'FRU-STR', 'dropped letter'],
  ['condtioner', 'PER-CON', 'dropped letter'],
  ['caulifower', 'VEG-CAU', 'dropped letter'],
  ['toothpast', 'PER-TOO', 'dropped letter'],
  ['mozarella', 'DAI-CHE-MOZ', 'dropped letter'],
  ['peanut buter', 'PAN-PNB', 'dropped letter'],
  ['fusili', 'PAN-PAS-FUS', 'dropped letter'],
  ['bananna', 'FRU-BAN', 'doubled letter'],
  ['zucchinni', 'VEG-ZUC', 'doubled letter'],
  ['shampooo', 'PER-SHA', 'doubled letter'],
  ['diappers', 'BAB-NAP', 'doubled letter'],
  ['watermellon', 'FRU-WAT', 'doubled letter'],
  ['lentills', 'PAN-LEN', 'doubled letter'],
  ['basmatti rice', 'PAN-RIC-BAS', 'doubled letter'],
  ['pepperonni pizza', 'FRO-PIZ-PEP', 'doubled letter'],
  ['cinammon roll', 'BAK-CIN', 'doubled letter in the wrong place'],
  ['avacado', 'FRU-AVO', 'wrong vowel'],
  ['parmesian', 'DAI-CHE-PAR', 'added vowel'],
  ['suger', 'PAN-SUG', 'wrong vowel'],
  ['deoderant', 'PER-DEO', 'wrong vowel'],
  ['salmen', 'MEA-SAL', 'wrong vowel'],
  ['lettice', 'VEG-LET', 'wrong vowel'],
  ['ketchap', 'PAN-KET', 'wrong vowel'],
  ['aubergene', 'VEG-AUB', 'wrong vowel'],
  ['detergant', 'HOU-LAU', 'wrong vowel'],
  ['sunscrean', 'PER-SUN', 'wrong vowel'],
  ['celary', 'VEG-CEL', 'wrong vowel'],
  ['oatmeel', 'BRE-OAT', 'wrong vowel'],
  ['garlick', 'VEG-GAR', 'added letter'],
  ['sause', 'PAN-SOY', 'a consonant that sounds the same'],
  ['sponje', 'HOU-SPO', 'a consonant that sounds the same'],
  ['honny', 'PAN-HON', 'a letter that sounds the same'],
  ['ginjer', 'VEG-GIN', 'a consonant that sounds the same'],
  ['feda', 'DAI-CHE-FET', 'a consonant that sounds the same'],
  ['whole milc', 'DAI-MLK-WHL', 'a consonant that sounds the same'],
];

/**
 * Misspellings of a word several products share: the one meant is among the products offered ("which one?")
 * and among the search results.
 */
const AMONG: [string, string, string][] = [
  ['cerael', 'BRE-CRN', 'swapped letters'],
  ['onoins', 'VEG-ONI', 'swapped letters'],
  ['chikcen', 'MEA-CHK-BRS', 'swapped letters'],
  ['granloa', 'BRE-GRA', 'swapped letters'],
  ['choclate', 'SNA-CHO-MLK', 'dropped letter'],
  ['yoghrt', 'DAI-YOG-GRK', 'dropped letter'],
  ['chiken', 'MEA-CHK-BRS', 'dropped letter'],
  ['tomatoe', 'VEG-TOM', 'added letter'],
  ['yougurt', 'DAI-YOG-NAT', 'added letter'],
  ['cofee', 'DRI-COF-GRD', 'one of a double dropped'],
  ['cofffee', 'DRI-COF-GRD', 'doubled letter'],
  ['spinnach', 'VEG-SPI', 'doubled letter'],
  ['milllk', 'DAI-MLK-WHL', 'one letter three times'],
  ['buttter', 'DAI-BUT', 'doubled letter'],
  ['pizzza', 'FRO-PIZ-MAR', 'doubled letter'],
  ['juise', 'DRI-OJ', 'a consonant that sounds the same'],
  ['cheeze', 'DAI-CHE-CHD', 'a consonant that sounds the same'],
  ['rize', 'PAN-RIC-BAS', 'a consonant that sounds the same'],
  ['minse', 'MEA-BEF-MIN', 'a consonant that sounds the same'],
];

/** Words customers write around an order that name no product, as themselves or as a typo. */
const NOT_PRODUCTS = [
  'please', 'could', 'thanks', 'basket', 'later', 'dinner', 'sister', 'mother', 'would', 'list', 'order',
  'change', 'stuff', 'there', 'those', 'weather', 'already', 'arrange', 'trouble', 'cold', 'come', 'money',
  'time', 'like', 'good', 'year', 'happy', 'open', 'speak', 'tell', 'fork', 'work', 'wife', 'take', 'make',
  'since', 'cash', 'hour', 'whose', 'tomorrow', 'friday', 'delivery', 'address', 'receipt', 'cancel',
];

describe('misspelt product names', () => {
  it('has at least 40 misspellings and 20 words that are none', () => {
    expect(ONE_PRODUCT.length + AMONG.length).toBeGreaterThanOrEqual(40);
    expect(NOT_PRODUCTS.length).toBeGreaterThanOrEqual(20);
  });

  it.each(ONE_PRODUCT)('%s is %s (%s)', (typed, sku) => {
    expect(matcher.match(typed)).toEqual({ kind: 'product', sku });
    expect(matcher.search(typed)).toContain(sku);
  });

  it.each(AMONG)('%s offers %s among the products it may be (%s)', (typed, sku) => {
    const match = matcher.match(typed);
    expect(match.kind === 'product' ? [match.sku] : match.kind === 'ambiguous' ? match.skus : []).toContain(sku);
    expect(matcher.search(typed)).toContain(sku);
  });

  it('reads a word and its misspelling alike when picking among offered products', () => {
    const offered = ['DAI-CHE-CHD', 'DAI-CHE-MOZ', 'DAI-CHE-PAR'];
    expect(matcher.among('mozarella', offered)).toEqual(['DAI-CHE-MOZ']);
    expect(matcher.among('chedar', offered)).toEqual(['DAI-CHE-CHD']);
    expect(matcher.among('parmesian', offered)).toEqual(['DAI-CHE-PAR']);
  });

  it('scores a swapped-letter word as a typo of the catalog word, below the word itself', () => {
    const [typo] = matcher.score(['cerael']);
    const [word] = matcher.score(['cereal']);
    expect(typo?.score).toBeGreaterThan(0);
    expect(word!.score).toBeGreaterThan(typo!.score);
  });
});

describe('words that are no product', () => {
  it.each(NOT_PRODUCTS)('%s matches nothing and finds nothing', (word) => {
    expect(matcher.match(word)).toEqual({ kind: 'none' });
    expect(matcher.search(word)).toEqual([]);
  });

  it('reads a misspelling of something the shop does not sell as nothing: "tumeric"', () => {
    expect(matcher.match('tumeric')).toEqual({ kind: 'none' });
    expect(matcher.search('tumeric')).toEqual([]);
  });

  it('keeps words under four letters exact: "mlk", "tae", "jma" are no milk, tea or jam', () => {
    for (const word of ['mlk', 'tae', 'jma', 'hma', 'ege']) expect(matcher.match(word), word).toEqual({ kind: 'none' });
  });

  it('offers only products with "whole" in a name for "whole", never a typo of it', () => {
    const match = matcher.match('whole');
    expect(match.kind).toBe('ambiguous');
    const named = (sku: string) => {
      const p = products.find((q) => q.sku === sku)!;
      return [p.name, ...p.aliases].some((text) => /\bwhole/i.test(text));
    };
    expect(match.kind === 'ambiguous' && match.skus.every(named)).toBe(true);
    expect(matcher.search('whole').every(named)).toBe(true);
  });
});

describe('a typo never beats a whole word', () => {
  const product = (sku: string, name: string, aliases: string[] = []): Product =>
    ({ sku, name, category: 'test', unit: 'each', priceCents: 100, aliases });

  it('"milk" is the milk, never the silk, and "silk" the silk', () => {
    const small = new ProductMatcher([product('MILK', 'Whole Milk'), product('SILK', 'Silk Scarf')]);
    expect(small.match('milk')).toEqual({ kind: 'product', sku: 'MILK' });
    expect(small.match('silk')).toEqual({ kind: 'product', sku: 'SILK' });
  });

  it('a word of the catalog is that word even where it is a typo of another: pear, bean, wine', () => {
    expect(matcher.match('pear')).toEqual({ kind: 'product', sku: 'FRU-PEA' });
    expect(matcher.match('bean')).toEqual({ kind: 'product', sku: 'PAN-BEA-BKD' });
    expect(matcher.match('wine')).toEqual({ kind: 'ambiguous', skus: ['DRI-WIN-RED', 'DRI-WIN-WHT'] });
  });

  it('a swapped-letter typo of one word loses to a product named by the word itself', () => {
    // "salt" is Sea Salt's own word; "slat" (swapped) would be its typo, but the word as written wins.
    const small = new ProductMatcher([product('SALT', 'Sea Salt'), product('SLAT', 'Slat Bed')]);
    expect(small.match('slat')).toEqual({ kind: 'product', sku: 'SLAT' });
    expect(small.match('salt')).toEqual({ kind: 'product', sku: 'SALT' });
  });
});
