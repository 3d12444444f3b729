// What is in a product, as the owner marks it: a fixed vocabulary of tags, and the questions customers ask
// that the tags answer. Imports nothing of ours.
//
// The bot answers from the tags alone, never from a product's name or a guess. A question is a *claim*
// ("it is vegan", "it has nuts"); each claim is answered yes by some tags and no by others, as listed in
// CLAIMS below, and by nothing else. A product with neither kind of tag: the bot does not know.

/** The tags a product may carry, in the order they are shown. */
export const PRODUCT_TAGS = [
  'vegan', 'vegetarian', 'gluten-free', 'nut-free', 'organic', 'halal', 'kosher',
  'contains-nuts', 'contains-gluten', 'contains-milk', 'contains-egg', 'contains-soy', 'contains-meat',
] as const;
export type ProductTag = (typeof PRODUCT_TAGS)[number];

const KNOWN: ReadonlySet<string> = new Set(PRODUCT_TAGS);
export const isProductTag = (tag: string): tag is ProductTag => KNOWN.has(tag);

/** "Gluten free", "gluten_free", " VEGAN " → "gluten-free", "vegan": how an owner may write a tag. */
export const normalizeTag = (tag: string): string => tag.trim().toLowerCase().replace(/[\s_]+/g, '-');

/** The tags, known ones only, each once, in PRODUCT_TAGS order (so two equal sets are equal lists). */
export function sortTags(tags: readonly string[]): ProductTag[] {
  const set = new Set(tags.map(normalizeTag));
  return PRODUCT_TAGS.filter((t) => set.has(t));
}

/** What a customer may ask of a product: a tag, or the absence of milk, egg or soy ("dairy free"). */
export const DIET_CLAIMS = [...PRODUCT_TAGS, 'milk-free', 'egg-free', 'soy-free'] as const;
export type DietClaim = (typeof DIET_CLAIMS)[number];

export interface ClaimRule {
  /** A product with any of these tags: yes. */
  yes: readonly ProductTag[];
  /** A product with any of these tags (and none of `yes`): no. */
  no: readonly ProductTag[];
}

/**
 * Every claim and the tags that answer it. The implications, all of them: vegan ⇒ vegetarian, no milk, no
 * egg, no meat; contains-meat ⇒ not vegetarian; nut-free and contains-nuts, gluten-free and contains-gluten
 * are opposites. Nothing else is inferred (organic, halal, kosher and soy are answered by their own tags only).
 */
export const CLAIMS: Record<DietClaim, ClaimRule> = {
  vegan: { yes: ['vegan'], no: ['contains-milk', 'contains-egg', 'contains-meat'] },
  vegetarian: { yes: ['vegetarian', 'vegan'], no: ['contains-meat'] },
  'gluten-free': { yes: ['gluten-free'], no: ['contains-gluten'] },
  'nut-free': { yes: ['nut-free'], no: ['contains-nuts'] },
  organic: { yes: ['organic'], no: [] },
  halal: { yes: ['halal'], no: [] },
  kosher: { yes: ['kosher'], no: [] },
  'contains-nuts': { yes: ['contains-nuts'], no: ['nut-free'] },
  'contains-gluten': { yes: ['contains-gluten'], no: ['gluten-free'] },
  'contains-milk': { yes: ['contains-milk'], no: ['vegan'] },
  'contains-egg': { yes: ['contains-egg'], no: ['vegan'] },
  'contains-soy': { yes: ['contains-soy'], no: [] },
  'contains-meat': { yes: ['contains-meat'], no: ['vegan', 'vegetarian'] },
  'milk-free': { yes: ['vegan'], no: ['contains-milk'] },
  'egg-free': { yes: ['vegan'], no: ['contains-egg'] },
  'soy-free': { yes: [], no: ['contains-soy'] },
};

/**
 * Tags that say opposite things ("nut-free" and "contains-nuts", "vegan" and "contains-milk"): every tag
 * that answers a claim yes, paired with every tag that answers it no, as CLAIMS lists them. Each pair once,
 * its two tags in PRODUCT_TAGS order.
 */
export const OPPOSITE_TAGS: readonly (readonly [ProductTag, ProductTag])[] = (() => {
  const order = (t: ProductTag) => PRODUCT_TAGS.indexOf(t);
  const pairs = new Map<string, readonly [ProductTag, ProductTag]>();
  for (const { yes, no } of Object.values(CLAIMS)) {
    for (const a of yes) for (const b of no) {
      const pair = order(a) < order(b) ? [a, b] as const : [b, a] as const;
      pairs.set(pair.join(' '), pair);
    }
  }
  return [...pairs.values()];
})();

/** Every pair of opposite tags a product carries both of (none for tags that agree). */
export function contradictionsIn(tags: readonly string[] | undefined): (readonly [ProductTag, ProductTag])[] {
  const has = new Set(tags ?? []);
  return OPPOSITE_TAGS.filter(([a, b]) => has.has(a) && has.has(b));
}

/**
 * What the tags say of a claim: yes (and the tag that says so), no (and the tag), or nothing. A product
 * marked both ways for the claim (possible only in data from before such tags were refused) is not known:
 * `conflict` names the two tags.
 */
export type ClaimAnswer =
  | { answer: 'yes' | 'no'; because: ProductTag }
  | { answer: 'unknown'; conflict?: readonly [ProductTag, ProductTag] };

export function judge(tags: readonly ProductTag[] | undefined, claim: DietClaim): ClaimAnswer {
  const rule = CLAIMS[claim];
  const has = new Set(tags ?? []);
  const yes = rule.yes.find((t) => has.has(t));
  const no = rule.no.find((t) => has.has(t));
  if (yes && no) return { answer: 'unknown', conflict: PRODUCT_TAGS.indexOf(yes) < PRODUCT_TAGS.indexOf(no) ? [yes, no] : [no, yes] };
  if (yes) return { answer: 'yes', because: yes };
  return no ? { answer: 'no', because: no } : { answer: 'unknown' };
}
