import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import express, { type Express, type Router } from 'express';
import type { Redis } from 'ioredis';
import type { Metrics } from './metrics';
import { adminStats, type StatsDeps } from '../stats/stats';
import { bearer, consoleAuth } from './auth';
import { signInRoutes } from './admin-staff';
import { signInLimiters, type SignInLimits } from './sign-in-limits';
import { StaffSessions } from '../staff/sessions';
import type { Core } from '../core';
import type { HousekeepingPort, OutboundPort, StaffPort, VerificationsPort } from '../store/store';
import { adminRoutes, isCatalogUpload, type AdminDeps } from './admin';
import { apiRoutes } from './api';
import { chatRoutes, type ChatDeps } from './chat';
import { dashboardRoutes } from './dashboard/assets';
import { docsRoutes } from './docs';
import { openapiDocument } from './openapi';
import { BODY_LIMIT, errorHandler, notFound, requireJson } from './errors';
import { createLimiter } from './rate-limit';
import { methodNotAllowed } from './routes';
import { securityHeaders } from './security';
import { ChatSessions } from './session';
import { consoleCodes, PhoneVerification, type CodeSender } from './verification';

/** The web chat's budgets; tests shrink them. */
export interface ChatLimits {
  /** Requests to /chat/* per client IP per minute. */
  perIpPerMinute: number;
  /** Verification codes sent per client IP per hour. */
  codesPerIpPerHour: number;
  /** Verification codes sent per phone number per hour. */
  codesPerPhonePerHour: number;
}

export const DEFAULT_CHAT_LIMITS: ChatLimits = { perIpPerMinute: 60, codesPerIpPerHour: 10, codesPerPhonePerHour: 5 };

export interface AppOptions {
  adminToken: string;
  /** Bearer token of the message API; config.API_TOKEN when unset. Without any, the API refuses every call. */
  apiToken?: string;
  /** Extra routers from channel adapters (the web chat page, webhooks). */
  channels?: Router[];
  metrics?: Metrics;
  /** Dependencies /readyz checks, by name (the store is always checked). */
  readiness?: Record<string, () => Promise<void>>;
  /**
   * How the web chat sends one-time codes. Unset: printed on the console unless NODE_ENV is production, where
   * the web chat then says it is unavailable.
   */
  codeSender?: CodeSender;
  /** Signs the web chat's session cookies; config.SESSION_SECRET, else random (sessions end on restart). */
  sessionSecret?: string;
  /** Shares the web chat's rate limits between web processes; in memory without it. */
  redis?: Redis;
  chatLimits?: Partial<ChatLimits>;
  /** Failed console sign-ins allowed per login and per address; tests shrink them. */
  signInLimits?: Partial<SignInLimits>;
  /** How often an event stream opened with a sign-in cookie checks its session still stands (60 s). */
  streamCheckMs?: number;
}

const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };

async function within<T>(ms: number, p: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms); });
  try { return await Promise.race([p, timeout]); } finally { clearTimeout(timer); }
}

/** What the app uses: its routes' deps, the store's ping, and the web chat's sessions and codes. */
export type AppDeps = AdminDeps & ChatDeps & StatsDeps & Pick<Core, 'config' | 'log' | 'clock' | 'engine'> & {
  store: Pick<HousekeepingPort, 'ping'> & VerificationsPort & Pick<OutboundPort, 'getChannelState' | 'putChannelState'> & StaffPort;
};

/** Builds the HTTP app; never listens, so tests drive it in-process and main.ts picks the port. */
export function createApp(core: AppDeps, opts: AppOptions): Express {
  const { config } = core;
  const app = express();
  app.disable('x-powered-by');
  // Whose X-Forwarded-For names the client (TRUST_PROXY): by default only a proxy on this host's loopback.
  app.set('trust proxy', config.TRUST_PROXY);
  app.use(securityHeaders());
  app.use(methodNotAllowed(app));
  app.use(['/api', '/admin', '/chat'], (req, res, next) => (isCatalogUpload(req) ? next() : requireJson(req, res, next)));
  const json = express.json({ limit: BODY_LIMIT, strict: true });
  // The catalog upload reads its own, larger body, after the admin token was checked (src/http/admin.ts);
  // Telegram's webhook reads its own after checking the secret, so a bad body never answers 400 first.
  app.use((req, res, next) => {
    // A body that is no JSON (a webhook's form, none at all) is left as the JSON parser leaves it, without
    // asking it: it would parse the content type to find the same (and only set req.body, to undefined).
    if (!/json/i.test(req.headers['content-type'] ?? '')) {
      if (req.body === undefined) req.body = undefined;
      next();
      return;
    }
    if (isCatalogUpload(req) || req.path.startsWith('/telegram/')) next();
    else json(req, res, next);
  });
  app.get('/healthz', (_req, res) => { res.json({ ok: true }); });
  app.get('/readyz', async (_req, res) => {
    const checks: Record<string, () => Promise<void>> = { store: () => core.store.ping(), ...opts.readiness };
    const results: Record<string, string> = {};
    await Promise.all(Object.entries(checks).map(async ([name, check]) => {
      try { await within(2000, check()); results[name] = 'ok'; } catch (err) { results[name] = (err as Error).message; }
    }));
    const ready = Object.values(results).every((r) => r === 'ok');
    res.status(ready ? 200 : 503).json({ ready, checks: results });
  });
  if (opts.metrics) {
    const registry = opts.metrics.registry;
    const token = config.METRICS_TOKEN ?? opts.adminToken;
    app.get('/metrics', bearer(token, 'metrics'), async (_req, res) => { res.type(registry.contentType).send(await registry.metrics()); });
  }
  // The platforms' webhooks first: the busiest routes, and express tries every router mounted before them.
  for (const router of opts.channels ?? []) app.use(router);
  app.use(docsRoutes(() => openapiDocument({ title: config.STORE_NAME, version }), config.STORE_NAME));
  app.use(dashboardRoutes());
  // The admin API: the admin token, or a person signed in to the console (POST /admin/login).
  const sessions = new StaffSessions({ store: core.store, clock: core.clock });
  const auth = consoleAuth({ adminToken: opts.adminToken, sessions, ...(opts.streamCheckMs ? { streamCheckMs: opts.streamCheckMs } : {}) });
  app.use(signInRoutes({ sessions, limits: signInLimiters(opts.signInLimits, opts.redis) }));
  app.get('/admin/stats', auth, async (_req, res) => {
    res.json(await adminStats(core, opts.metrics?.errors() ?? 0));
  });
  app.use(apiRoutes(core, opts.apiToken ?? config.API_TOKEN));
  app.use(chatRoutes(core, chatOptions(core, opts)));
  app.use(adminRoutes(core, auth, sessions));
  app.use(notFound);
  app.use(errorHandler(core.log));
  return app;
}

function chatOptions(core: AppDeps, opts: AppOptions) {
  const { config } = core;
  const secret = opts.sessionSecret ?? config.SESSION_SECRET ?? randomBytes(32).toString('base64url');
  const sender = opts.codeSender ?? (config.NODE_ENV === 'production' ? undefined : consoleCodes());
  const limits = { ...DEFAULT_CHAT_LIMITS, ...opts.chatLimits };
  return {
    sessions: new ChatSessions({ secret, secure: config.PUBLIC_URL?.startsWith('https:') ?? false, clock: core.clock, store: core.store }),
    verification: new PhoneVerification({ store: core.store, clock: core.clock, secret, ...(sender ? { sender } : {}) }),
    limits: {
      perIp: createLimiter({ name: 'chat-ip', points: limits.perIpPerMinute, durationSeconds: 60 }, opts.redis),
      codesPerIp: createLimiter({ name: 'chat-code-ip', points: limits.codesPerIpPerHour, durationSeconds: 3600 }, opts.redis),
      codesPerPhone: createLimiter({ name: 'chat-code-phone', points: limits.codesPerPhonePerHour, durationSeconds: 3600 }, opts.redis),
    },
  };
}
