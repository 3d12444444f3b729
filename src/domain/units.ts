// A product's unit is its shelf label, as the store writes it: each, bag, bottle, jar, loaf… or a weight.
// A product is sold by count unless its unit is a weight (kg, g, lb, oz): then it is sold by weight, its
// price is per that unit, and quantities are kept in grams (exact integers) whatever the label.

export type Unit = string;

/** Grams in one of each weight unit; any other label is a unit of count. */
const GRAMS_PER_UNIT = new Map<string, number>([
  ['kg', 1000],
  ['g', 1],
  ['lb', 453.59237],
  ['oz', 28.349523125],
]);

export const WEIGHT_UNITS = [...GRAMS_PER_UNIT.keys()];

/** Other ways stores write a weight: "lbs" or "kilo" on a shelf means sold by weight, never a count of lbs. */
const WEIGHT_SPELLINGS = new Map<string, Unit>([
  ['kgs', 'kg'], ['kilo', 'kg'], ['kilos', 'kg'], ['kilogram', 'kg'], ['kilograms', 'kg'],
  ['gr', 'g'], ['gram', 'g'], ['grams', 'g'],
  ['lbs', 'lb'], ['pound', 'lb'], ['pounds', 'lb'],
  ['ounce', 'oz'], ['ounces', 'oz'],
]);

/** Every word that names a weight unit, canonical or not, for schemas that cannot call normalizeUnit. */
export const WEIGHT_WORDS = [...WEIGHT_UNITS, ...WEIGHT_SPELLINGS.keys()];

/** Labels are compared lower-case and trimmed ("Bag" is bag), and weights spelled one way ("lbs" is lb). */
export function normalizeUnit(label: string): Unit {
  const unit = label.trim().toLowerCase();
  return WEIGHT_SPELLINGS.get(unit) ?? unit;
}

export function isSoldByWeight(unit: Unit): boolean {
  return GRAMS_PER_UNIT.has(normalizeUnit(unit));
}

/** Grams in one `unit` of a product sold by weight; undefined for units of count. */
export function gramsPerUnit(unit: Unit): number | undefined {
  return GRAMS_PER_UNIT.get(normalizeUnit(unit));
}

/**
 * Decimals a weight is read in: the finest step that is still at least a gram (kg 3, lb 2, oz 1, g 0),
 * so "1.5 lb" is what 680 g reads as, and the price is worked out on what the customer reads.
 */
function weightDecimals(gramsEach: number): number {
  return Math.max(0, Math.floor(Math.log10(gramsEach)));
}

/** The finest amount of a weight unit that is read back: 0.001 kg, 1 g, 0.01 lb, 0.1 oz. Undefined for counts. */
export function weightStep(unit: Unit): number | undefined {
  const each = gramsPerUnit(unit);
  return each === undefined ? undefined : 1 / 10 ** weightDecimals(each);
}

/**
 * A weight in grams as steps of the unit's finest step ("1.5 lb" = 150 hundredths): exact integers, so
 * prices multiply without drift. Undefined for units of count.
 */
export function weightSteps(unit: Unit, grams: number): { steps: number; perUnit: number } | undefined {
  const each = gramsPerUnit(unit);
  if (each === undefined) return undefined;
  const perUnit = 10 ** weightDecimals(each);
  return { steps: Math.round((grams / each) * perUnit), perUnit };
}

/** Grams as an amount of the product's weight unit, as it is read back: 680 g of a lb product is 1.5. */
export function weightInUnit(unit: Unit, grams: number): number {
  const w = weightSteps(unit, grams);
  return w === undefined ? grams : w.steps / w.perUnit;
}

/** An amount of a weight unit in whole grams (20 lb → 9072 g); counts are returned as they are. */
export function gramsOf(unit: Unit, amount: number): number {
  const each = gramsPerUnit(unit);
  return each === undefined ? amount : Math.round(amount * each);
}
