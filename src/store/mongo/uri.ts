/** The database Grocer uses when MONGODB_DB does not name one. */
export const DEFAULT_DATABASE = 'grocer';

/**
 * The database a connection string names (`mongodb://host/shop?…` → `shop`), or undefined when it names
 * none. The driver would fall back to `test`; Grocer falls back to `grocer` instead (see databaseName).
 */
export function uriDatabase(uri: string): string | undefined {
  const rest = uri.replace(/^mongodb(\+srv)?:\/\//, '');
  const slash = rest.indexOf('/');
  if (slash < 0) return undefined;
  const path = rest.slice(slash + 1).split('?')[0]!;
  const name = decodeURIComponent(path);
  return name === '' ? undefined : name;
}

/** MONGODB_DB when set, else the database in MONGODB_URI, else `grocer`. */
export function databaseName(uri: string, override?: string): string {
  return override ?? uriDatabase(uri) ?? DEFAULT_DATABASE;
}
