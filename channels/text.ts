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

/** Options as a numbered list, for channels without buttons; the engine reads a bare number as a choice. */
export function numberedOptions(options: string[] | undefined): string {
  if (!options?.length) return '';
  return `\n${options.map((o, i) => `${i + 1}. ${o}`).join('\n')}\nReply with a number or type your answer.`;
}
