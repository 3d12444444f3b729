import type { Option } from '../src/domain/types';

/** Splits a message into pieces of at most `max` characters, at line breaks, then spaces, where it can. */
export function splitText(text: string, max: number): string[] {
  const out: string[] = [];
  let rest = text;
  while (rest.length > max) {
    const window = rest.slice(0, max);
    const cut = Math.max(window.lastIndexOf('\n'), window.lastIndexOf(' '));
    const at = cut > max / 2 ? cut : max;
    out.push(rest.slice(0, at).trimEnd());
    rest = rest.slice(at).trimStart();
  }
  if (rest.length > 0 || out.length === 0) out.push(rest);
  return out;
}

/**
 * Options as a numbered list of their labels, for channels without buttons. The customer's number comes
 * back as text and the interpreter maps it to the option's id (it gets the options in its context).
 */
export function numberedOptions(options: Option[] | undefined): string {
  if (!options?.length) return '';
  return `\n${options.map((o, i) => `${i + 1}. ${o.label}`).join('\n')}\nReply with a number or type your answer.`;
}
