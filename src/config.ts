import { isIP } from 'node:net';
import { z } from 'zod';
import { getCountries, type CountryCode } from 'libphonenumber-js';

const countries = new Set<string>(getCountries());
const optionalText = z.string().trim().min(1).optional();

/** Names express (proxy-addr) knows for ranges of addresses. */
const PROXY_RANGES = new Set(['loopback', 'linklocal', 'uniquelocal']);
const TRUST_PROXY_FORMS = 'must be false, a hop count (0-10), or a comma-separated list of proxy addresses, CIDRs, loopback, linklocal or uniquelocal';

/** A proxy address, a CIDR (10.0.0.0/8, fd00::/8) or one of express's range names. */
function proxyAddress(item: string): boolean {
  if (PROXY_RANGES.has(item)) return true;
  const [ip, prefix, ...more] = item.split('/');
  const family = isIP(ip ?? '');
  if (!family || more.length > 0) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
}

/**
 * TRUST_PROXY, as express's `trust proxy` takes it: a hop count (0 trusts no proxy), or the list of proxies
 * whose X-Forwarded-For is believed. `true` (believe anyone) is refused: any client could choose its address.
 */
const trustProxy = z.string().trim().default('loopback').transform((raw, ctx): number | string[] => {
  const v = raw.toLowerCase();
  if (v === 'false') return 0;
  if (/^\d+$/.test(v) && Number(v) <= 10) return Number(v);
  if (v === 'true') {
    ctx.addIssue({ code: 'custom', message: `${TRUST_PROXY_FORMS}; true would let any client choose its address with X-Forwarded-For` });
    return z.NEVER;
  }
  const items = v.split(',').map((i) => i.trim());
  const bad = items.find((i) => !proxyAddress(i));
  if (bad !== undefined) {
    ctx.addIssue({ code: 'custom', message: `${TRUST_PROXY_FORMS}; ${JSON.stringify(bad)} is none of these` });
    return z.NEVER;
  }
  return items;
});

/** Every setting, read from the environment. The only file that touches process.env. */
export const configSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  /** Which peers' X-Forwarded-For gives the client's address (the web chat's per-address limits). */
  TRUST_PROXY: trustProxy,
  ADMIN_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  API_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  /** Bearer token of GET /metrics; the admin token when unset. */
  METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  /** Signs the web chat's session cookies; generated at start-up when unset (sessions then end on restart). */
  SESSION_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  NODE_ENV: z.string().default('development'),
  /** Twilio Verify service that sends the web chat's one-time codes; else a code by the SMS sender. */
  TWILIO_VERIFY_SERVICE_SID: z.string().regex(/^VA[0-9a-fA-F]{32}$/, 'must be VA followed by 32 hex digits').optional(),
  /** Messages one phone may send a minute, across all channels. */
  RATE_PER_MINUTE: z.coerce.number().int().min(1).max(10_000).default(20),
  /** Most pieces one cart line may hold (a product's maxPerOrder overrides it). */
  MAX_UNITS_PER_LINE: z.coerce.number().int().min(1).max(100_000).default(30),
  /** Most kilograms one cart line of a product sold by weight may hold. */
  MAX_KG_PER_LINE: z.coerce.number().min(0.001).max(10_000).default(10),
  /** A hold renewed by messages still ends this long after it was made, unless checked out. */
  HOLD_MAX_MINUTES: z.coerce.number().int().min(1).max(7 * 24 * 60).default(120),
  /** Speech recognised with less confidence than this never confirms or cancels an order. */
  VOICE_MIN_CONFIDENCE: z.coerce.number().min(0).max(1).default(0.5),
  /** How customers reach a person at the store (the answer to an SMS HELP); the SMS number when unset. */
  STORE_CONTACT: z.string().trim().min(1).max(200).optional(),
  /** Key of the short hashes that stand for phone numbers in logs; random per process when unset. */
  LOG_HASH_KEY: z.string().min(16, 'must be at least 16 characters').optional(),
  CATALOG_FILE: optionalText,
  FAQ_FILE: optionalText,
  HOLD_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(30),
  CURRENCY: z.string().regex(/^[A-Z]{3}$/, 'must be a three-letter ISO 4217 code like USD').default('USD'),
  LOCALE: z.string().default('en-US').refine((l) => { try { new Intl.NumberFormat(l); return true; } catch { return false; } }, 'is not a locale this runtime knows'),
  DEFAULT_COUNTRY: z.string().toUpperCase().refine((c) => countries.has(c), 'must be a two-letter country code like US').default('US'),
  STORE_NAME: z.string().trim().min(1).max(60).default('Corner Grocer'),
  DELIVERY_FEE: z.coerce.number().min(0).max(1000).default(3.99),
  SWEEP_SECONDS: z.coerce.number().int().min(1).max(3600).default(15),
  MONGODB_URI: z.string().regex(/^mongodb(\+srv)?:\/\//, 'must start with mongodb:// or mongodb+srv://').optional(),
  MONGODB_DB: z.string().regex(/^[A-Za-z0-9_-]{1,63}$/, 'letters, digits, - or _').optional(),
  RECONCILE_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(60),
  PUBLIC_URL: z.url({ protocol: /^https?$/, error: 'must be the public http(s) URL of this server, like https://shop.example.com' }).transform((u) => u.replace(/\/+$/, '')).optional(),
  TELEGRAM_BOT_TOKEN: z.string().regex(/^\d+:[\w-]{20,}$/, 'is not a bot token from BotFather (123456:ABC…)').optional(),
  TELEGRAM_MODE: z.enum(['webhook', 'polling']).optional(),
  TELEGRAM_WEBHOOK_SECRET: z.string().regex(/^[A-Za-z0-9_-]{16,256}$/, 'must be 16-256 letters, digits, _ or -').optional(),
  TELEGRAM_API_ROOT: z.url().default('https://api.telegram.org'),
  TWILIO_ACCOUNT_SID: z.string().regex(/^AC[0-9a-fA-F]{32}$/, 'must be AC followed by 32 hex digits').optional(),
  TWILIO_AUTH_TOKEN: z.string().min(16).optional(),
  TWILIO_SMS_NUMBER: z.string().regex(/^\+[1-9]\d{6,14}$/, 'must be an E.164 number like +12025550100').optional(),
  TWILIO_WHATSAPP_NUMBER: z.string().regex(/^\+[1-9]\d{6,14}$/, 'must be an E.164 number like +14155238886').optional(),
  TWILIO_WHATSAPP_TEMPLATE_SID: z.string().regex(/^HX[0-9a-fA-F]{32}$/, 'must be a Content SID (HX followed by 32 hex digits)').optional(),
  /** Where the twilio library sends REST calls; only for local fakes. */
  TWILIO_API_BASE: z.url().optional(),
  VOICE_LANGUAGE: z.string().regex(/^[a-z]{2,3}-[A-Z]{2}$/, 'must be a language tag like en-US').default('en-US'),
  REDIS_URL: z.string().regex(/^rediss?:\/\//, 'must start with redis:// or rediss://').optional(),
  CONVERSATION_IDLE_MINUTES: z.coerce.number().int().min(1).max(7 * 24 * 60).default(30),
  /** While a customer waits for a person: after this many minutes without a staff answer, their next message is acknowledged again. */
  HANDOFF_REMIND_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(15),
  LOW_STOCK_THRESHOLD: z.coerce.number().min(0).max(100000).default(5),
  /** Where the owner is told of low stock (E.164): through the outbox on the channel they last used. */
  OWNER_PHONE: z.string().regex(/^\+[1-9]\d{6,14}$/, 'must be an E.164 number like +12025550100').optional(),
  /** Days every message in and out of a conversation is kept for the human inbox. */
  TRANSCRIPT_DAYS: z.coerce.number().int().min(1).max(3650).default(90),
  /** Gemini understanding on top of the rules: on when set. Never logged. */
  GEMINI_API_KEY: z.string().trim().min(1).optional(),
  /** The Gemini model asked when the rules are not confident (a Flash model: fast and cheap). */
  GEMINI_MODEL: z.string().regex(/^[\w.-]{1,100}$/, 'must be a model name like gemini-2.5-flash').default('gemini-2.5-flash'),
  /** Where the Gemini client sends requests; only for local fakes. */
  GEMINI_BASE_URL: z.url({ protocol: /^https?$/ }).optional(),
  /** Longest a customer waits for Gemini; past it the rules' answer stands. */
  GEMINI_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(2500),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type Config = z.infer<typeof configSchema> & { DEFAULT_COUNTRY: CountryCode };

export class ConfigError extends Error {}

/** Parses the environment; a bad value throws one line naming the variable and what is wrong. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = configSchema.safeParse(cleaned);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`);
    throw new ConfigError(`Bad configuration: ${problems.join('; ')}`);
  }
  return parsed.data as Config;
}
