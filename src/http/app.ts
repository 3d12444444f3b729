import express, { type Express, type Router } from 'express';
import type { Core } from '../core';
import { adminRoutes } from './admin';
import { apiRoutes } from './api';
import { errorHandler, notFound, requireJson } from './errors';

export interface AppOptions {
  adminToken: string;
  /** Extra routers from channel adapters (the web chat page, later webhooks). */
  channels?: Router[];
}

/** Builds the HTTP app; never listens, so tests drive it in-process and main.ts picks the port. */
export function createApp(core: Core, opts: AppOptions): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  app.use(['/api', '/admin'], requireJson);
  app.use(express.json({ limit: '64kb', strict: true }));
  app.get('/healthz', (_req, res) => { res.json({ ok: true }); });
  app.use(apiRoutes(core));
  app.use(adminRoutes(core, opts.adminToken));
  for (const router of opts.channels ?? []) app.use(router);
  app.use(notFound);
  app.use(errorHandler(core.log));
  return app;
}
