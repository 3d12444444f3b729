/** Lower case, plain ASCII-ish words; keeps digits, decimal points and the separators the parser splits on. */
export function normalize(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\u2018\u2019\u00b4`]/g, "'")
    .replace(/½/g, ' 0.5 ')
    .replace(/(\d),(\d)/g, '$1.$2')
    .replace(/[^a-z0-9.,;&'%#\-\s]/g, ' ')
    .replace(/(^|\s)(?:[.']+|-+(?!\d))|[.'-]+(?=\s|$)/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

export function words(text: string): string[] {
  return text.split(/[\s,;&]+/).filter(Boolean);
}

/** A crude English stemmer, applied the same way to the catalog and to what customers type. */
export function stem(word: string): string {
  const w = word.replace(/'s$/, '').replace(/'/g, '');
  if (w.length <= 3) return w;
  if (w.endsWith('ies') && w.length > 4) return `${w.slice(0, -3)}y`;
  if (w.endsWith('oes')) return w.slice(0, -2);
  if (/(ches|shes|xes|sses)$/.test(w)) return w.slice(0, -2);
  if (w.endsWith('s') && !/(ss|us|is)$/.test(w)) return w.slice(0, -1);
  return w;
}
