// The catalog as spreadsheets keep it: one product a row, under a header row. Rows are numbered as the
// spreadsheet shows them (the header is row 1), so an error can be found and fixed there.
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';

export const CSV_COLUMNS = ['sku', 'name', 'price', 'unit', 'stock', 'category', 'aliases'] as const;
/** Columns a row may also carry; when absent, a product keeps what it had. */
const EXTRA_COLUMNS = ['pieceGrams', 'maxPerOrder', 'active', 'tags'] as const;
const REQUIRED = new Set(['sku', 'name', 'price', 'unit', 'stock', 'category']);
const NUMERIC = new Set(['price', 'stock', 'pieceGrams', 'maxPerOrder']);
const KNOWN = new Map([...CSV_COLUMNS, ...EXTRA_COLUMNS].map((c) => [c.toLowerCase(), c]));
const ALIAS_SEPARATOR = '|';
/** Tags are written "vegan|gluten-free"; a comma or semicolon between them is read too. */
const TAG_SEPARATOR = /[|,;]/;
/** Columns whose empty cell means "none" (and clears them), not "keep what it had". */
const LISTS = new Set(['aliases', 'tags']);

/** One data row: its number in the spreadsheet, the product as an object, and what was wrong with its cells. */
export interface CsvRow {
  row: number;
  input: Record<string, unknown>;
  /** "price: must be a number"; the schema's word on the same field is then left out. */
  errors: Map<string, string>;
}

export type CsvParse = { ok: true; rows: CsvRow[] } | { ok: false; errors: string[] };

// A spreadsheet evaluates a cell that starts with one of these; the export guards it with a leading '.
const FORMULA_START = /^[=+\-@]/;
const guard = (cell: string) => (FORMULA_START.test(cell) ? `'${cell}` : cell);
const unguard = (cell: string) => (cell.startsWith("'") && FORMULA_START.test(cell.slice(1)) ? cell.slice(1) : cell);

const NUMBER = /^\d+(\.\d+)?$/;

function cellValue(column: string, raw: string, errors: Map<string, string>): unknown {
  const text = unguard(raw.trim());
  if (column === 'aliases') return text === '' ? [] : text.split(ALIAS_SEPARATOR).map((a) => a.trim()).filter((a) => a !== '');
  if (column === 'tags') return text.split(TAG_SEPARATOR).map((t) => t.trim()).filter((t) => t !== '');
  if (column === 'active') {
    const yes = /^(true|yes|y|1)$/i.test(text);
    if (!yes && !/^(false|no|n|0)$/i.test(text)) { errors.set(column, `must be yes or no (on sale or hidden), not "${text.slice(0, 20)}"`); return undefined; }
    return yes;
  }
  if (!NUMERIC.has(column)) return text;
  if (!NUMBER.test(text)) {
    errors.set(column, text === '' ? 'must be a number (the cell is empty)' : `must be a number, not "${text.slice(0, 20)}"`);
    return undefined;
  }
  return Number(text);
}

/** Parses a catalog CSV; errors name the row (and column) as the spreadsheet shows them. */
export function parseCatalogCsv(text: string): CsvParse {
  // Bytes that are not UTF-8 were decoded as U+FFFD: most often a spreadsheet's "CSV" saved in Windows-1252.
  const bad = text.indexOf('\uFFFD');
  if (bad >= 0) {
    const row = text.slice(0, bad).split('\n').length;
    return { ok: false, errors: [`row ${row}: the file is not UTF-8 text; save it as "CSV UTF-8" and upload it again`] };
  }
  let records: string[][];
  try {
    records = parse(text, { bom: true, relax_column_count: true, skip_empty_lines: false, trim: false });
  } catch (err) {
    const e = err as { message: string; lines?: number };
    return { ok: false, errors: [`${e.lines ? `row ${e.lines}: ` : ''}not readable as CSV: ${e.message.replace(/^Invalid Record Length: |\s*$/g, '')}`] };
  }
  const [header, ...data] = records;
  if (!header || header.every((h) => h.trim() === '')) return { ok: false, errors: [`row 1: the header row is missing (${CSV_COLUMNS.join(',')})`] };
  const columns: string[] = [];
  const headerErrors: string[] = [];
  for (const h of header) {
    const name = KNOWN.get(h.trim().toLowerCase());
    if (!name) headerErrors.push(`row 1: unknown column "${h.trim().slice(0, 40)}" (the columns are ${CSV_COLUMNS.join(', ')})`);
    else if (columns.includes(name)) headerErrors.push(`row 1: the column ${name} appears twice`);
    columns.push(name ?? '');
  }
  for (const c of REQUIRED) if (!columns.includes(c)) headerErrors.push(`row 1: the column ${c} is missing`);
  if (headerErrors.length) return { ok: false, errors: headerErrors };

  const rows: CsvRow[] = [];
  const shapeErrors: string[] = [];
  data.forEach((cells, i) => {
    const row = i + 2;
    if (cells.every((c) => c.trim() === '')) return; // a blank line in the sheet
    if (cells.length !== columns.length) {
      shapeErrors.push(`row ${row}: ${cells.length} cells where the header has ${columns.length} columns`);
      return;
    }
    const errors = new Map<string, string>();
    const input: Record<string, unknown> = {};
    columns.forEach((column, j) => {
      const raw = cells[j]!;
      // Empty optional cells are left out, so the product keeps (or goes without) them.
      if (!REQUIRED.has(column) && !LISTS.has(column) && raw.trim() === '') return;
      const value = cellValue(column, raw, errors);
      if (value !== undefined) input[column] = value;
    });
    rows.push({ row, input, errors });
  });
  if (shapeErrors.length) return { ok: false, errors: shapeErrors };
  if (rows.length === 0) return { ok: false, errors: ['row 2: the sheet has no products under its header'] };
  return { ok: true, rows };
}

export interface CsvProduct {
  sku: string;
  name: string;
  price: number;
  unit: string;
  stock: number;
  category: string;
  aliases: string[];
  active: boolean;
  tags: string[];
}

/**
 * The catalog as CSV, the columns the import takes, `active` (yes: on sale, no: hidden) and `tags`
 * ("vegan|gluten-free"); cells a
 * spreadsheet would run as formulas are guarded.
 */
export function toCatalogCsv(products: CsvProduct[]): string {
  return stringify([
    [...CSV_COLUMNS, 'active', 'tags'],
    ...products.map((p) => [p.sku, p.name, p.price.toFixed(2), p.unit, String(p.stock), p.category, p.aliases.join(ALIAS_SEPARATOR), p.active ? 'yes' : 'no', p.tags.join(ALIAS_SEPARATOR)].map(guard)),
  ]);
}
