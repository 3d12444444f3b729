// Phone calls: the replies of one turn as the sentences a <Say> reads, from their structure. A list is read
// three items at a time ("say more to hear the next three"), options become "say …, or press N", and nothing
// typed for a screen (bullets, emoji, "×", curly quotes) is read out.
import type { Reply, ReplyKey } from '../../src/domain/types';
import type { Copy } from '../../src/engine/copy';

/** Items of a list read in one go. */
export const LIST_LIMIT = 3;
/** Options read out (and keys 1–5 that pick them). */
export const OPTION_LIMIT = 5;

/** The words a call needs of the copy. */
export type EarCopy = Pick<Copy, 'voiceMore' | 'voiceOption' | 'voicePickNumber'>;

/** What one turn says; `at` when a long list was cut short: how many of its items were read so far. */
export interface Spoken {
  say: string;
  at?: number;
}

/**
 * Messages a caller hears in other words than a screen shows them, by their key (typed: a renamed key is a
 * compile error here). "Pick a number … or type your answer" becomes the key presses on offer.
 */
const SAID_OTHERWISE: Partial<Record<ReplyKey, (r: Reply, copy: EarCopy) => string | undefined>> = {
  pick_number: (r, copy) => (r.options?.length ? copy.voicePickNumber(r.options.length) : undefined),
};

/** Emoji and symbols read badly, so they go. */
export const spoken = (s: string) => s
  .replace(/\p{Extended_Pictographic}\uFE0F?/gu, '')
  .replace(/(\d) × /g, '$1 ')
  .replace(/\/kg\b/g, ' per kilo')
  .replace(/ — /g, ', ')
  .replace(/[“”]/g, '')
  .replace(/\s+/g, ' ')
  .trim();

/** Lines as sentences: each ends in a stop, so the voice pauses between them. */
const sentences = (lines: string[]) => lines.flatMap((l) => l.split('\n')).map(spoken).filter(Boolean).map((l) => (/[.?!:][)”"]?$/.test(l) ? l : `${l}.`)).join(' ');

/** The list of these replies that is read three items at a time (the first one longer than three). */
const longList = (replies: readonly Reply[]) => replies.find((r) => r.list && r.list.items.length > LIST_LIMIT)?.list;

/** A reply without a list, line by line; a bullet a line of copy starts with is not read out. */
const textLines = (r: Reply) => r.text.split('\n').map((l) => l.replace(/^• /, ''));

/**
 * Replies as speech, from their structure: a reply with a list is its intro, its items and its outro (never
 * its text's list lines); a long list is read three items at a time ("say more to hear the next three"), the
 * next three on "more" (see `moreOfTheList`); the last reply's options become "say … or press N".
 */
export function forTheEar(replies: readonly Reply[], copy: EarCopy): Spoken {
  const long = longList(replies);
  const lines: string[] = [];
  for (const r of replies) {
    const otherwise = SAID_OTHERWISE[r.key]?.(r, copy);
    if (otherwise !== undefined) { lines.push(otherwise); continue; }
    if (!r.list) { lines.push(...textLines(r)); continue; }
    // The list's own lines in `text` are left out: its items are read from the structure.
    const cut = r.list === long;
    lines.push(r.list.intro, ...(cut ? r.list.items.slice(0, LIST_LIMIT) : r.list.items).map((i) => i.label));
    if (cut) lines.push(copy.voiceMore(Math.min(LIST_LIMIT, r.list.items.length - LIST_LIMIT)));
    if (r.list.outro) lines.push(r.list.outro);
  }
  const text = sentences(lines);
  const offer = (replies.at(-1)?.options ?? []).slice(0, OPTION_LIMIT).map((o, i) => copy.voiceOption(spoken(o.label), i + 1)).join(', ');
  return { say: offer ? `${text} You can ${offer}.` : text, ...(long ? { at: LIST_LIMIT } : {}) };
}

/**
 * The next three items of the turn's long list, after the `at` already read; the list's closing words
 * after its last item. Undefined when nothing of it is left.
 */
export function moreOfTheList(replies: readonly Reply[], at: number, copy: EarCopy): Spoken | undefined {
  const list = longList(replies);
  if (!list || at >= list.items.length) return undefined;
  const next = Math.min(at + LIST_LIMIT, list.items.length);
  const lines = list.items.slice(at, next).map((i) => i.label);
  const left = list.items.length - next;
  if (left > 0) lines.push(copy.voiceMore(Math.min(LIST_LIMIT, left)));
  else if (list.outro) lines.push(list.outro);
  return { say: sentences(lines), ...(left > 0 ? { at: next } : {}) };
}
