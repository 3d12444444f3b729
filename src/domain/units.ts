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

/** Labels are compared lower-case and trimmed: "Bag" and "bag" are the same shelf label. */
export function normalizeUnit(label: string): Unit {
  return label.trim().toLowerCase();
}

export function isSoldByWeight(unit: Unit): boolean {
  return GRAMS_PER_UNIT.has(normalizeUnit(unit));
}

/** Grams in one `unit` of a product sold by weight; undefined for units of count. */
export function gramsPerUnit(unit: Unit): number | undefined {
  return GRAMS_PER_UNIT.get(normalizeUnit(unit));
}
