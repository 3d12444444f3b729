import { createHmac, randomBytes } from 'node:crypto';
import pino, { type DestinationStream, type Logger } from 'pino';

/**
 * Personal data and secrets never reach the logs. Every log object is walked (to a bounded depth) before
 * it is written: phone numbers become a short keyed hash (the same phone gives the same hash within one
 * key, so a customer's lines can still be followed), and names, addresses, message texts, codes, tokens,
 * platform updates and request parameters are replaced by "[redacted]". Strings anywhere (error messages,
 * stacks, the log message itself) are scrubbed of phone numbers and bot tokens too.
 */

/** Keys whose value is a phone number: replaced by its hash. */
const PHONE_KEYS = new Set(['phone', 'from', 'to', 'caller', 'called', 'phone_number', 'phonenumber', 'msisdn', 'wa_id', 'waid', 'chat_id', 'chatid']);
/** Keys whose value is personal or secret: replaced whole, whatever its shape. */
const SECRET_KEYS = new Set([
  'name', 'first_name', 'last_name', 'username', 'address', 'text', 'body', 'speechresult', 'caption', 'digits',
  'code', 'token', 'authorization', 'cookie', 'set-cookie', 'password', 'secret', 'secrettoken', 'authtoken',
  'contact', 'location', 'update', 'ctx', 'api', 'payload', 'params', 'parameters', 'contentvariables', 'replies',
  'options', 'data', 'headers', 'config', 'request', 'response', 'x-twilio-signature', 'x-telegram-bot-api-secret-token',
  'passwordhash', 'csrftoken', 'x-csrf-token',
]);
/** Error properties worth keeping (after scrubbing); everything else an error carries is dropped. */
const ERROR_KEYS = ['code', 'status', 'statusCode', 'error_code', 'description', 'method', 'moreInfo', 'retryAfterMs', 'permanent'];

/**
 * Digits written the way phone numbers are written (a leading + or parenthesis, spaces, dots, dashes), standing
 * alone: not inside a word, an id or a longer number (never after a letter, digit, `_`, `-` or `.`, nor before
 * a letter, digit or `-`/`.` joined to more), so UUIDs, hex ids, Twilio SIDs, ORD-1042 and ISO times are
 * never candidates. Whether a candidate is a phone number is then decided by `phoneShaped`.
 */
const NUMBER_RUN = /(?<![\w.-])[+(]?\d(?:[\d ().-]{0,28}\d)?(?![\w]|[.-]\w)/g;
const DATE = /^(?:\d{4}[-.]\d{1,2}[-.]\d{1,2}|\d{1,2}[-.]\d{1,2}[-.]\d{4})(?!\d)/;
const IPV4 = /^\d{1,3}(?:\.\d{1,3}){3}$/;
// From the start of a run of digits only: a long run is then read once, not once from each of its digits.
const BOT_TOKEN = /(?<!\d)\d{5,}:[A-Za-z0-9_-]{25,}/g;
const BEARER = /(bearer\s+)[^\s"',]+/gi;
const HEX_SECRET = /\b[0-9a-f]{32}\b/gi;
const MAX_DEPTH = 6;

export const REDACTED = '[redacted]';

/**
 * Whether a run of digits and separators is written as a phone number: with a + and 7-15 digits (E.164,
 * spaced or not), or a national format of 7-15 digits in groups of two or more (the first may be one:
 * 1-800-…), joined by spaces and dashes or by dots alone ("(202) 555-0123", "07911 123456", "202.555.0123",
 * "06 12 34 56 78"), or 8-15 digits alone. Dates, IPv4 addresses, decimals and epoch milliseconds are not.
 */
function phoneShaped(run: string): boolean {
  const digits = run.replace(/\D/g, '');
  if (digits.length < 7 || digits.length > 15) return false;
  if (run.startsWith('+')) return true;
  if (DATE.test(run) || IPV4.test(run)) return false;
  const groups = run.split(/\D+/).filter(Boolean);
  // Alone: no national number that starts with 1 is longer than 11 digits (13 is a timestamp in ms).
  if (groups.length === 1) return digits.length >= 8 && !(digits.startsWith('1') && digits.length > 11);
  const separators = run.replace(/[\d()]/g, '');
  if (separators.includes('.') && (/[^.]/.test(separators) || separators.length < 2)) return false;
  return groups.slice(1).every((g) => g.length >= 2);
}

export interface Redactor {
  phone(value: string): string;
  text(value: string): string;
  value(value: unknown, key?: string, depth?: number, seen?: WeakSet<object>): unknown;
}

export function createRedactor(key: string | Buffer = randomBytes(32)): Redactor {
  const phone = (value: string) => {
    const digits = value.replace(/\D/g, '');
    return `ph:${createHmac('sha256', key).update(digits).digest('base64url').slice(0, 10)}`;
  };
  /**
   * A run that is no phone number as a whole may still hold some ("2026-11-23 555-0123", two numbers in a row):
   * its longest beginning that is one, parted from the rest by a space or parenthesis, is masked; else its
   * first group is kept. Then the rest is read the same way.
   */
  const phones = (run: string): string => {
    if (phoneShaped(run)) return phone(run);
    const cuts = [...run.matchAll(/\d(?=[ ()])/g)].map((m) => m.index + 1).reverse();
    const cut = cuts.find((c) => phoneShaped(run.slice(0, c)));
    const head = cut === undefined ? /^[+(]?\d+/.exec(run)![0] : run.slice(0, cut);
    return (cut === undefined ? head : phone(head)) + run.slice(head.length).replace(NUMBER_RUN, phones);
  };
  const text = (value: string) => value
    .replace(BOT_TOKEN, '[token]')
    .replace(BEARER, `$1${REDACTED}`)
    .replace(HEX_SECRET, '[hex]')
    .replace(NUMBER_RUN, phones);

  const value = (v: unknown, k?: string, depth = 0, seen = new WeakSet<object>()): unknown => {
    const lower = k?.toLowerCase();
    if (lower !== undefined && SECRET_KEYS.has(lower)) return v === undefined ? v : REDACTED;
    if (lower !== undefined && PHONE_KEYS.has(lower) && (typeof v === 'string' || typeof v === 'number')) return phone(String(v));
    if (typeof v === 'string') return text(v);
    if (v === null || typeof v !== 'object') return v;
    if (seen.has(v)) return '[circular]';
    if (depth >= MAX_DEPTH) return '[deep]';
    seen.add(v);
    if (v instanceof Error) {
      const out: Record<string, unknown> = { type: v.name, message: text(v.message), stack: v.stack && text(v.stack) };
      const props = v as unknown as Record<string, unknown>;
      for (const p of ERROR_KEYS) if (Object.hasOwn(props, p) && props[p] !== undefined) out[p] = value(props[p], undefined, depth + 1, seen);
      if (v.cause !== undefined) out.cause = value(v.cause, 'cause', depth + 1, seen);
      // grammY's HttpError and BotError wrap the real failure.
      if (Object.hasOwn(props, 'error') && props.error instanceof Error) out.error = value(props.error, 'error', depth + 1, seen);
      return out;
    }
    if (Array.isArray(v)) return v.map((x) => value(x, undefined, depth + 1, seen));
    const out: Record<string, unknown> = {};
    for (const [p, x] of Object.entries(v)) out[p] = value(x, p, depth + 1, seen);
    return out;
  };
  return { phone, text, value };
}

export interface LoggerOptions {
  /** Key of the phone hashes (LOG_HASH_KEY); random per process when unset. */
  hashKey?: string;
}

export function createLogger(level: string, destination?: DestinationStream, opts: LoggerOptions = {}): Logger {
  const redactor = createRedactor(opts.hashKey);
  // pino applies formatters.log to log objects only; child bindings (log.child({ phone })) go through
  // serializers, so the same keys are covered there. Values already hashed are left as they are.
  const serializers: Record<string, (v: unknown) => unknown> = { err: (v) => v };
  for (const k of PHONE_KEYS) serializers[k] = (v) => (typeof v === 'string' && v.startsWith('ph:') ? v : redactor.value(v, k));
  for (const k of SECRET_KEYS) serializers[k] = (v) => redactor.value(v, k);
  return pino({
    level,
    base: { pid: process.pid },
    serializers,
    formatters: {
      log: (object) => redactor.value(object) as Record<string, unknown>,
    },
    hooks: {
      // The message string (and printf-style arguments) are scrubbed like any other string.
      logMethod(args, method) {
        const cleaned = args.map((a) => (typeof a === 'string' ? redactor.text(a) : a));
        return method.apply(this, cleaned as Parameters<typeof method>);
      },
    },
  }, destination);
}
