import { readFileSync } from 'node:fs';
import express, { type Express, type Router } from 'express';
import type { Metrics } from './metrics';
import { adminStats } from '../stats/stats';
import { bearer } from './auth';
import type { Core } from '../core';
import { adminRoutes } from './admin';
import { apiRoutes } from './api';
import { errorHandler, notFound, requireJson } from './errors';

export interface AppOptions {
  adminToken: string;
  /** Extra routers from channel adapters (the web chat page, later webhooks). */
  channels?: Router[];
  metrics?: Metrics;
  /** Dependencies /readyz checks, by name (the store is always checked). */
  readiness?: Record<string, () => Promise<void>>;
}

const dashboard = readFileSync(new URL('./dashboard.html', import.meta.url), 'utf8');

async function within<T>(ms: number, p: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms); });
  try { return await Promise.race([p, timeout]); } finally { clearTimeout(timer); }
}

/** Builds the HTTP app; never listens, so tests drive it in-process and main.ts picks the port. */
export function createApp(core: Core, opts: AppOptions): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  app.use(['/api', '/admin'], requireJson);
  app.use(express.json({ limit: '64kb', strict: true }));
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
    app.get('/metrics', async (_req, res) => { res.type(registry.contentType).send(await registry.metrics()); });
  }
  app.get('/admin', (_req, res) => { res.type('html').send(dashboard); });
  app.get('/admin/stats', bearer(opts.adminToken, 'admin'), async (_req, res) => {
    res.json(await adminStats(core, opts.metrics?.errors() ?? 0));
  });
  app.use(apiRoutes(core));
  app.use(adminRoutes(core, opts.adminToken));
  for (const router of opts.channels ?? []) app.use(router);
  app.use(notFound);
  app.use(errorHandler(core.log));
  return app;
}
