// Validation problems in words an owner reads in the console: "Price must be a number, like 2.49",
// "Name is required", "Unit must be one of each, kg, …", never zod's own text. Each comes after the field's
// path ("price: Price must be …"), so an API caller knows which field is wrong and the console shows the
// sentence beside it.
import type { z } from 'zod';

type Issue = z.core.$ZodIssue;

/** Words for fields whose API name reads badly in a sentence. */
const LABELS: Record<string, string> = {
  sku: 'SKU', maxPerOrder: 'The most per order (maxPerOrder)', pieceGrams: 'Piece weight (pieceGrams)',
  startsAt: 'The start (startsAt)', endsAt: 'The end (endsAt)', sameDayCutoff: 'The same-day cut-off', timeZone: 'The time zone',
};

/** An example of a good value, for fields where one helps. */
const EXAMPLES: Record<string, string> = {
  price: '2.49', stock: '12', quantity: '3', qty: '3', maxPerOrder: '6', pieceGrams: '180', percent: '20', buy: '3', pay: '2',
  startsAt: '2026-12-24T09:00:00Z', endsAt: '2026-12-31T18:00:00Z', at: '2026-12-24T09:00:00Z', date: '2026-12-24',
};

/** zod's own messages (which we replace); a message set in a schema is kept (after the field's name when it reads "must …"). */
const ZOD_DEFAULT = /^(Invalid|Too (small|big)|Unrecognized key|Expected|Required)/;

/** "price" reads "Price"; a camelCase name ("messageId") is kept as the API spells it. */
const labelOf = (field: string) => LABELS[field] ?? (!field ? 'The body' : /^[a-z]+$/.test(field) ? field[0]!.toUpperCase() + field.slice(1) : field);
const like = (field: string) => (EXAMPLES[field] ? `, like ${EXAMPLES[field]}` : '');
const list = (values: readonly unknown[]) => values.map(String).join(', ');

/** What is wrong with a field, as a sentence beginning with the field's name (its last path segment). */
export function sentenceOf(issue: Issue): string {
  const field = String([...issue.path].reverse().find((p) => typeof p === 'string') ?? '');
  const label = labelOf(field);
  if (!ZOD_DEFAULT.test(issue.message)) {
    const m = issue.message;
    return /^(must|may|is|are|cannot|can|should)\b/.test(m) ? `${label} ${m}` : m[0]!.toUpperCase() + m.slice(1);
  }
  switch (issue.code) {
    case 'invalid_type': {
      if (/received undefined/.test(issue.message)) return `${label} is required`;
      const expected = String(issue.expected);
      if (expected === 'number') return `${label} must be a number${like(field)}`;
      if (expected === 'int') return `${label} must be a whole number${like(field)}`;
      if (expected === 'string') return `${label} must be text`;
      if (expected === 'boolean') return `${label} must be true or false`;
      if (expected === 'array') return `${label} must be a list`;
      if (expected === 'object') return field ? `${label} must be an object with named fields` : 'The body must be a JSON object with named fields';
      return `${label} must be ${expected}`;
    }
    case 'too_small': {
      const min = Number(issue.minimum);
      if (issue.origin === 'string') return min <= 1 ? `${label} is required` : `${label} must be at least ${min} characters`;
      if (issue.origin === 'array') return `${label} must have at least ${min}`;
      return `${label} must be ${issue.inclusive ? 'at least' : 'more than'} ${min}${like(field)}`;
    }
    case 'too_big': {
      const max = Number(issue.maximum);
      if (issue.origin === 'string') return `${label} must be at most ${max} characters`;
      if (issue.origin === 'array') return `${label} may have at most ${max}`;
      return `${label} must be ${issue.inclusive ? 'at most' : 'less than'} ${max}`;
    }
    case 'invalid_value': return `${label} must be one of ${list(issue.values)}`;
    case 'invalid_format':
      if (issue.format === 'datetime' || issue.format === 'date') return `${label} must be a date and time${like(field) || ', like 2026-12-24T09:00:00Z'}`;
      return `${label} is not in the right form${like(field)}`;
    case 'not_multiple_of': return `${label} must be a multiple of ${String(issue.divisor)}`;
    case 'unrecognized_keys': return `${issue.keys.length > 1 ? 'These fields are' : 'This field is'} not known here: ${issue.keys.join(', ')}`;
    default: return `${label} is not valid${like(field)}`;
  }
}

/**
 * The issue with where it is: "price: Price must be a number, like 2.49", "items.2: Quantity must be …", or
 * the bare sentence for the body itself. The path comes first, always, so a page can put the sentence beside
 * the field it names.
 */
export function describeIssue(issue: Issue, prefix?: string): string {
  const path = [...(prefix !== undefined ? [prefix] : []), ...issue.path.map(String)];
  return path.length ? `${path.join('.')}: ${sentenceOf(issue)}` : sentenceOf(issue);
}
