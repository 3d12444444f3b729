import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { CatalogService } from './catalog/catalog';
import { BUNDLED_CATALOG, BUNDLED_FAQ, loadCatalog, loadFaq } from './catalog/load';
import type { Config } from './config';
import { formatMoney, toCents } from './domain/money';
import type { Clock, Ids, Product } from './domain/types';
import type { Interpreter } from './understanding/interpreter';
import { Engine } from './engine/engine';
import type { LeaseOptions } from './engine/lease';
import { Inventory } from './inventory/inventory';
import { Orders } from './orders/orders';
import { MemoryStore } from './store/memory';
import type { Store } from './store/store';
import { RulesInterpreter } from './understanding/rules/index';
import { GeminiInterpreter } from './understanding/gemini/interpreter';
import { Notifier } from './notify/notifier';
import { Outbox, type OutboxOptions } from './notify/outbox';
import { noObserver, type Observer } from './observe';
import { PhoneLimiter } from './limits/phone-limiter';
import { ConsoleEvents, consoleFollowsOrders } from './events/console-events';
import { DomainEvents } from './events/domain-events';
import { AuditTrail } from './audit/audit-trail';
import { TranscriptRecorder } from './transcript/recorder';
import { PromotionsService } from './promotions/service';
import { SettingsService } from './settings/service';
import { seedSettings } from './settings/seed';
import { faqAnswer, faqSources } from './settings/faq';
import type { FaqSource } from './understanding/rules/faq';
import { OrderChanges } from './orders/changes';
import { ChangeStock } from './inventory/change-stock';
import { followChanges } from './notify/change-notices';
import { BackInStock } from './notify/back-in-stock';

/** With Redis relaying changes, the catalog version is still checked, as a backstop, this often. */
const CATALOG_CHECK_RELAYED_MS = 15_000;

export const systemClock: Clock = { now: () => Date.now() };
export const uuidIds: Ids = { next: () => randomUUID() };

export interface CoreOptions {
  store?: Store;
  clock?: Clock;
  ids?: Ids;
  outbox?: OutboxOptions;
  observer?: Observer;
  /** Shares the per-phone rate limit across processes (main and worker pass their client); in memory without it. */
  redis?: Redis;
  /** Lease timings of the engine (tests shorten the renewal period). */
  lease?: Partial<LeaseOptions>;
}

export type Core = Awaited<ReturnType<typeof buildCore>>;

/** The engine's interpreter, told of catalog and FAQ changes: the rules alone, or Gemini on top of them. */
export type CatalogInterpreter = Interpreter & { setCatalog(products: Product[]): void; setFaq(entries: FaqSource[]): void };

/** Everything but the transport: store, inventory, orders, catalog, interpreter and engine, wired together. */
export async function buildCore(config: Config, log: Logger, opts: CoreOptions = {}) {
  const store = opts.store ?? new MemoryStore(opts.clock ?? systemClock);
  const clock = opts.clock ?? systemClock;
  const ids = opts.ids ?? uuidIds;
  const catalogInputs = loadCatalog(config.CATALOG_FILE ?? BUNDLED_CATALOG);
  const settings = new SettingsService({
    store, clock,
    seed: () => seedSettings({
      storeName: config.STORE_NAME, contact: config.STORE_CONTACT, deliveryFeeCents: toCents(config.DELIVERY_FEE), timeZone: config.STORE_TIME_ZONE,
    }, loadFaq(config.FAQ_FILE ?? BUNDLED_FAQ)),
  });
  await settings.load();
  const money = (cents: number) => formatMoney(cents, config.CURRENCY, config.LOCALE);
  // The FAQ's answers as the settings hold them now (a save anywhere reaches this process within seconds).
  const faq = { get: (topic: string) => faqAnswer(settings.current(), topic, money) };

  const events = new ConsoleEvents();
  const domain = new DomainEvents((err, event) => log.error({ err, type: event.type }, 'a domain event listener failed'));
  const observer = opts.observer ?? noObserver;
  const rules = new RulesInterpreter([], faqSources(settings.current()));
  // Gemini on top of the rules when a key is set; the rules alone otherwise.
  const interpreter: CatalogInterpreter = config.GEMINI_API_KEY
    ? new GeminiInterpreter({
      rules, clock, observer,
      settings: { apiKey: config.GEMINI_API_KEY, model: config.GEMINI_MODEL, baseUrl: config.GEMINI_BASE_URL, timeoutMs: config.GEMINI_TIMEOUT_MS },
    })
    : rules;
  settings.onChange((current) => interpreter.setFaq(faqSources(current)));
  const inventory = new Inventory({
    store, clock, ids, observer,
    holdMs: config.HOLD_MINUTES * 60_000,
    limits: {
      maxUnitsPerLine: config.MAX_UNITS_PER_LINE,
      maxGramsPerLine: Math.round(config.MAX_KG_PER_LINE * 1000),
      holdMaxMs: config.HOLD_MAX_MINUTES * 60_000,
    },
    audit: new AuditTrail({ store, clock, log }),
    events: domain,
  });
  const limiter = new PhoneLimiter({ points: config.RATE_PER_MINUTE, redis: opts.redis });
  const transcript = new TranscriptRecorder({ store, events, clock, log });
  const promotions = new PromotionsService({ store, clock });
  // The interpreter knows only the products on sale. A write here is relayed (over Redis, when the app has it)
  // as a console event; without Redis each process checks the store's catalog version every second.
  const catalog = new CatalogService({
    store, inventory, clock,
    onChange: (products) => interpreter.setCatalog(products),
    onWrite: (version) => events.emit({ type: 'catalog', version }),
    ...(opts.redis ? { checkEveryMs: CATALOG_CHECK_RELAYED_MS } : {}),
  });
  events.on((e) => {
    if (e.type === 'catalog') catalog.heard(e.version).catch((err: unknown) => log.warn({ err }, 'catalog: could not read the products another process changed'));
  });
  const orders = new Orders({ store, inventory, clock, observer, promotions, events: domain, catalog });
  const changes = new OrderChanges({
    store, orders, catalog, clock, ids, promotions, events: domain, limits: inventory.limits,
    stock: new ChangeStock({ store, clock, audit: inventory.audit }),
    answerMs: config.SUBSTITUTION_MINUTES * 60_000,
  });
  await catalog.seed(catalogInputs);
  const engine = new Engine({
    store, inventory, orders, interpreter, clock, log, faq, catalog, observer, limiter, transcript, events, promotions, changes,
    shop: settings,
    config: {
      // Read from the settings at each use: the owner's change applies to the next message.
      get storeName() { return settings.current().storeName; },
      get deliveryFeeCents() { return settings.current().deliveryFeeCents; },
      get storeContact() { return settings.current().contact ?? config.TWILIO_SMS_NUMBER; },
      currency: config.CURRENCY, locale: config.LOCALE,
      holdMinutes: config.HOLD_MINUTES, handoffRemindMinutes: config.HANDOFF_REMIND_MINUTES, ratePerMinute: config.RATE_PER_MINUTE,
      ...(opts.lease ? { lease: opts.lease } : {}),
    },
  });
  const outbox = new Outbox({ store, log, clock, transcript, ...(opts.outbox ? { retry: opts.outbox } : {}) });
  const notifier = new Notifier({
    outbox, inventory, copy: engine.copy, products: () => catalog.products(),
    pricing: async () => ({ promotions: await promotions.current(), now: clock.now() }),
  });
  // Side effects of what happens to orders: the console hears of each, the customer of what the store did.
  consoleFollowsOrders(domain, events);
  notifier.follow(domain);
  followChanges(domain, { outbox, copy: engine.copy, clock });
  // Back in stock: stock received tells who waits for it.
  const backInStock = new BackInStock({ store, outbox, copy: engine.copy, clock }, log);
  backInStock.follow(domain);
  return {
    config, log, store, clock, inventory, orders, changes, catalog, interpreter, rules, engine, outbox, notifier, observer, limiter, events, domain, transcript, promotions, settings,
    backInStock,
  };
}
