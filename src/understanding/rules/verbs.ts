import { editsWithin } from './matcher';

/**
 * Command words customers misspell ("remvoe", "delte", "chnage", "chekcout"). Long enough that one edit
 * cannot turn an ordinary word into one of them; product words are matched elsewhere.
 */
const VERBS = ['remove', 'delete', 'change', 'replace', 'checkout', 'cancel', 'switch', 'update', 'include'];

/** A word read as the command it misspells, or itself. */
function asVerb(word: string): string {
  if (word.length < 5 || VERBS.includes(word)) return word;
  // "changed", "removes", "deleting": the verb spelt right with an ending, not a misspelling of it.
  if (VERBS.some((v) => word.startsWith(v.slice(0, -1)))) return word;
  return VERBS.find((v) => Math.abs(v.length - word.length) <= 1 && editsWithin(1, v, word) <= 1) ?? word;
}

/** The message with its misspelt command words (the first three words) spelt right. */
export function spellVerbs(text: string): string {
  const said = text.split(' ');
  for (let i = 0; i < Math.min(3, said.length); i += 1) said[i] = asVerb(said[i]!);
  return said.join(' ');
}
