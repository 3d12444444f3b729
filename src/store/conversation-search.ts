// How the list of every conversation is searched, written once for both adapters (a RegExp in memory, the
// same pattern as $regex on MongoDB): names by the start of a word, any case; phones by their digits.

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export interface SearchPatterns {
  /** Matches a name one of whose words starts with the search (case-insensitive: use the `i` flag). */
  name: string;
  /** Matches a phone (E.164) whose digits start with the search's digits, after its country code or not. */
  phone?: string;
}

/** The patterns of a search, or undefined for an empty one. Three digits or more are also read as a phone. */
export function searchPatterns(search: string | undefined): SearchPatterns | undefined {
  const q = search?.trim();
  if (!q) return undefined;
  const digits = q.replace(/[^\d]/g, '');
  const looksLikePhone = /^[\d\s()+.-]+$/.test(q) && digits.length >= 3;
  return {
    name: `(?:^|\\s)${escape(q)}`,
    ...(looksLikePhone ? { phone: `^\\+\\d{0,3}${digits}` } : {}),
  };
}

/** The same test in memory, for the in-memory adapter. */
export function matchesSearch(p: SearchPatterns, row: { phone: string; name?: string }): boolean {
  return (row.name !== undefined && new RegExp(p.name, 'i').test(row.name)) || (p.phone !== undefined && new RegExp(p.phone).test(row.phone));
}

/** Waiting customers first, then the most recently active, then by phone: the list's one order. */
export function listOrder(a: { waiting: boolean; lastActivityAt: number; phone: string }, b: typeof a): number {
  return Number(b.waiting) - Number(a.waiting) || b.lastActivityAt - a.lastActivityAt || (a.phone < b.phone ? -1 : a.phone > b.phone ? 1 : 0);
}
