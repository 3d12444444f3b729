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
  TRUST_PROXY: trustProxy,
  ADMIN_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  API_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  SESSION_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  NODE_ENV: z.string().default('development'),
  TWILIO_VERIFY_SERVICE_SID: z.string().regex(/^VA[0-9a-fA-F]{32}$/, 'must be VA followed by 32 hex digits').optional(),
  RATE_PER_MINUTE: z.coerce.number().int().min(1).max(10_000).default(20),
  MAX_UNITS_PER_LINE: z.coerce.number().int().min(1).max(100_000).default(30),
  MAX_KG_PER_LINE: z.coerce.number().min(0.001).max(10_000).default(10),
  HOLD_MAX_MINUTES: z.coerce.number().int().min(1).max(7 * 24 * 60).default(120),
  VOICE_MIN_CONFIDENCE: z.coerce.number().min(0).max(1).default(0.5),
  STORE_CONTACT: z.string().trim().min(1).max(200).optional(),
  LOG_HASH_KEY: z.string().min(16, 'must be at least 16 characters').optional(),
  CATALOG_FILE: optionalText,
  FAQ_FILE: optionalText,
  HOLD_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(30),
  SUBSTITUTION_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(30),
  CURRENCY: z.string().regex(/^[A-Z]{3}$/, 'must be a three-letter ISO 4217 code like USD').default('USD'),
  LOCALE: z.string().default('en-US').refine((l) => { try { new Intl.NumberFormat(l); return true; } catch { return false; } }, 'is not a locale this runtime knows'),
  DEFAULT_COUNTRY: z.string().toUpperCase().refine((c) => countries.has(c), 'must be a two-letter country code like US').default('US'),
  STORE_NAME: z.string().trim().min(1).max(60).default('Corner Grocer'),
  STORE_TIME_ZONE: z.string().trim().refine((tz) => { try { new Intl.DateTimeFormat('en-US', { timeZone: tz }); return true; } catch { return false; } }, 'is not a time zone this runtime knows; use an IANA name like Europe/London').optional(),
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
  TWILIO_API_BASE: z.url().optional(),
  VOICE_LANGUAGE: z.string().regex(/^[a-z]{2,3}-[A-Z]{2}$/, 'must be a language tag like en-US').default('en-US'),
  REDIS_URL: z.string().regex(/^rediss?:\/\//, 'must start with redis:// or rediss://').optional(),
  CONVERSATION_IDLE_MINUTES: z.coerce.number().int().min(1).max(7 * 24 * 60).default(30),
  HANDOFF_REMIND_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(15),
  LOW_STOCK_THRESHOLD: z.coerce.number().min(0).max(100000).default(5),
  OWNER_PHONE: z.string().regex(/^\+[1-9]\d{6,14}$/, 'must be an E.164 number like +12025550100').optional(),
  TRANSCRIPT_DAYS: z.coerce.number().int().min(1).max(3650).default(90),
  GEMINI_API_KEY: z.string().trim().min(1).optional(),
  GEMINI_MODEL: z.string().regex(/^[\w.-]{1,100}$/, 'must be a model name like gemini-2.5-flash').default('gemini-2.5-flash'),
  GEMINI_BASE_URL: z.url({ protocol: /^https?$/ }).optional(),
  GEMINI_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(2500),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

/** What a setting is for (one line), the values it takes when the schema alone cannot say, and what an unset optional one means. */
export interface SettingDoc { about: string; values?: string; unset?: string }

/**
 * Every setting's description, in the order docs/configuration.md lists them (`npm run docs:config` writes that
 * page from this and the schema; test/docs.test.ts fails when it is stale). Typed by the schema's keys, so a
 * new setting cannot be added without one.
 */
export const configDocs: { [K in keyof typeof configSchema.shape]: SettingDoc } = {
  PORT: { about: 'HTTP port.' },
  HOST: { about: 'Interface to listen on.' },
  PUBLIC_URL: { about: 'The public https address of this server; needed for webhooks and their signature checks (Twilio signs this exact address).', unset: 'none (no webhooks; Telegram long-polls)' },
  NODE_ENV: { about: '`production` never prints web chat codes on the console: with no way to send them the web chat is unavailable.' },
  TRUST_PROXY: { about: 'Whose `X-Forwarded-For` names the client for the web chat\'s per-address limits; `true` is refused. See [Behind a proxy](operations.md#behind-a-proxy).', values: '`false`/`0` (directly exposed), a hop count up to 10 (`1` behind one load balancer), or a comma-separated list of proxy addresses, CIDRs, `loopback`, `linklocal`, `uniquelocal`' },
  ADMIN_TOKEN: { about: 'Bearer token of the admin API and the owner\'s console.', unset: 'generated and printed at start-up' },
  API_TOKEN: { about: 'Bearer token of `POST /api/messages`; the message API always needs it.', unset: 'generated and printed at start-up' },
  METRICS_TOKEN: { about: 'Bearer token of `GET /metrics`.', unset: 'the admin token' },
  SESSION_SECRET: { about: 'Signs the web chat\'s session cookies and keys the hashes of pending codes. Set it with several web processes, or sign-ins end at each restart.', unset: 'generated at start-up' },
  STORE_NAME: { about: 'Shown in greetings and the web chat; the first value of the store settings\' name (the console\'s Settings page changes it).' },
  STORE_TIME_ZONE: { about: 'The first value of the store settings\' time zone, which the opening hours are in (the console\'s Settings page changes it).', values: 'an IANA name (`Europe/London`, `America/New_York`…)', unset: 'the machine\'s time zone' },
  CURRENCY: { about: 'ISO 4217 code of prices.' },
  LOCALE: { about: 'How prices are written.', values: 'a locale this runtime knows (`en-GB`, `de-DE`…)' },
  DEFAULT_COUNTRY: { about: 'Country of phone numbers written without `+country code`.', values: 'a two-letter country code (`US`, `GB`…)' },
  DELIVERY_FEE: { about: 'Delivery fee in major units; pickup is free. The first value of the store settings\' fee (the console\'s Settings page changes it).' },
  CATALOG_FILE: { about: 'Catalog loaded into an empty store at start-up; the same shape as a JSON `PUT /admin/products`.', unset: '`data/catalog.json`' },
  FAQ_FILE: { about: 'The store\'s questions and answers, copied into the store settings on first start (`{storeName}`, `{deliveryFee}`, `{minimumOrder}` and `{hours}` are filled in); then edited in the console.', unset: '`data/faq.json`' },
  STORE_CONTACT: { about: 'How customers reach a person at the store; the answer to an SMS or WhatsApp `HELP`. The first value of the store settings\' contact.', unset: 'the SMS number' },
  HOLD_MINUTES: { about: 'How long stock stays reserved for a quiet customer; each message from them extends it.' },
  SUBSTITUTION_MINUTES: { about: 'How long a customer has to answer a change of their order proposed at picking time (a substitute, fewer of an item); without an answer the store\'s default applies: the line is removed. See [When an item is missing](console.md#when-an-item-is-missing).' },
  HOLD_MAX_MINUTES: { about: 'Messages renew a cart\'s holds, but never past this long after its oldest line was added; then the stock goes back on the shelf unless the order was placed.' },
  MAX_UNITS_PER_LINE: { about: 'The most pieces one cart line may hold (a product\'s `maxPerOrder` overrides it).' },
  MAX_KG_PER_LINE: { about: 'The most kilograms one cart line of a product sold by weight (kg, g, lb or oz) may hold (a product\'s `maxPerOrder` overrides it).' },
  RATE_PER_MINUTE: { about: 'Messages one phone number may send a minute, across all channels; over it one "One moment, please…", then nothing until the minute is over. Shared through Redis with `REDIS_URL` (let through when Redis is away), else per process.' },
  LOW_STOCK_THRESHOLD: { about: 'Products with less available, in each product\'s unit, show as low stock and are announced once. See [Low-stock alerts](console.md#low-stock-alerts).' },
  OWNER_PHONE: { about: 'E.164 number the low-stock alerts go to, on the channel the owner last wrote from.', unset: 'none (only the console is told)' },
  CONVERSATION_IDLE_MINUTES: { about: 'A conversation quiet this long is closed, its cart released and the customer told once.' },
  HANDOFF_REMIND_MINUTES: { about: 'While a customer waits for a person, their first message is acknowledged; later ones are only kept for staff until staff answer or this many minutes pass.' },
  TRANSCRIPT_DAYS: { about: 'Days every message in and out of a conversation is kept for the inbox and the web chat\'s history.' },
  SWEEP_SECONDS: { about: 'How often overdue holds are returned to stock.' },
  RECONCILE_MINUTES: { about: 'How often the stock counters are checked against the holds and repaired.' },
  MONGODB_URI: { about: 'MongoDB connection string (any MongoDB-protocol server with single-document atomicity); credentials are never printed. See [MongoDB](mongodb.md).', unset: 'none (in-memory store: nothing kept across restarts)' },
  MONGODB_DB: { about: 'Database name; overrides the one in the URI.', unset: 'the database `MONGODB_URI` names, else `grocer`' },
  REDIS_URL: { about: 'Redis for BullMQ jobs, the shared rate limits and the console\'s events across processes; then run `npm run worker` too.', unset: 'none (jobs run in the web process)' },
  TELEGRAM_BOT_TOKEN: { about: 'Token from @BotFather; Telegram is on when it is set.', unset: 'none (Telegram off)' },
  TELEGRAM_MODE: { about: 'How updates arrive.', unset: '`webhook` with `PUBLIC_URL`, else `polling`' },
  TELEGRAM_WEBHOOK_SECRET: { about: 'Secret Telegram sends back in `X-Telegram-Bot-Api-Secret-Token` on every webhook call.', unset: 'derived from the bot token' },
  TELEGRAM_API_ROOT: { about: 'Where the Telegram client sends requests; only for local fakes in tests.' },
  TWILIO_ACCOUNT_SID: { about: 'Twilio account, from the Twilio console; Twilio channels are on with it and `TWILIO_AUTH_TOKEN`.', unset: 'none (Twilio off)' },
  TWILIO_AUTH_TOKEN: { about: 'Twilio auth token, from the Twilio console; also checks every webhook\'s signature.', unset: 'none (Twilio off)' },
  TWILIO_SMS_NUMBER: { about: 'E.164 number for SMS and phone calls.' },
  TWILIO_WHATSAPP_NUMBER: { about: 'E.164 number of the WhatsApp sender.' },
  TWILIO_WHATSAPP_TEMPLATE_SID: { about: 'Approved Content template (one variable `{{1}}` between fixed words) for WhatsApp messages outside the 24-hour window. See [WhatsApp template](channels/whatsapp-sms.md#whatsapp-template).', unset: 'none (SMS instead)' },
  TWILIO_VERIFY_SERVICE_SID: { about: 'Twilio Verify service that sends the web chat\'s codes.', unset: 'none (an SMS from `TWILIO_SMS_NUMBER`)' },
  TWILIO_API_BASE: { about: 'Where the twilio library sends REST calls; only for local fakes in tests.', unset: 'the real Twilio' },
  VOICE_LANGUAGE: { about: 'Language of speech recognition and of what calls say.' },
  VOICE_MIN_CONFIDENCE: { about: 'Speech recognised with less confidence (0–1) never confirms or cancels an order.' },
  GEMINI_API_KEY: { about: 'A Gemini API key: Gemini reads what the rules are unsure of, and pictures and voice notes. Never logged. See [Gemini](gemini.md).', unset: 'none (Gemini off)' },
  GEMINI_MODEL: { about: 'The Gemini model asked (a Flash model: fast and cheap).' },
  GEMINI_BASE_URL: { about: 'Where the Gemini client sends requests; only for local fakes (tests, `scripts/gemini-call-rate.ts`).', unset: 'Google\'s API' },
  GEMINI_TIMEOUT_MS: { about: 'The longest a customer waits for Gemini; past it the rules\' answer stands.' },
  LOG_LEVEL: { about: 'Log level. Personal data and secrets are redacted at every level. See [Logs](operations.md#logs).' },
  LOG_HASH_KEY: { about: 'Key of the short hashes (`ph:…`) that stand for phone numbers in logs; set it to match a customer\'s lines across processes and restarts.', unset: 'random per process' },
};

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
