// The side-by-side table `npm run bench` prints (Markdown, so the README can take it as it is).
import type { LoadResult } from './load';

export interface Row { what: string; figure: string; target: string; met?: boolean }

const group = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
export const perSecond = (n: number) => `${group(n, n < 100 ? 1 : 0)}/s`;
export const ms = (n: number) => (Number.isNaN(n) ? 'n/a' : n >= 1000 ? `${(n / 1000).toFixed(2)} s` : `${n.toFixed(n < 10 ? 2 : 1)} ms`);
export const ratio = (n: number) => n.toFixed(2);
export const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;

export function failures(name: string, r: LoadResult): string | undefined {
  if (r.failures === 0) return undefined;
  return `${name}: ${r.failures} of ${r.messages} messages failed (${r.failureSamples.join(' | ')})`;
}

export function table(rows: Row[]): string {
  const mark = (m?: boolean) => (m === undefined ? '' : m ? 'met' : 'NOT met');
  return [
    '| what | figure | target | |',
    '|---|---|---|---|',
    ...rows.map((r) => `| ${r.what} | ${r.figure} | ${r.target} | ${mark(r.met)} |`),
  ].join('\n');
}
