import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import { setupChannels } from '../channels/index';
import { ConfigError, loadConfig } from './config';
import { buildCore } from './core';
import { createApp } from './http/app';
import { createMetrics } from './http/metrics';
import { BullQueue } from './jobs/bullmq';
import { LocalScheduler } from './jobs/local';
import { createLogger } from './log';
import { openStore, redactUri, StoreUnavailableError } from './store/open';

/** The web process: config → store → core → jobs → http + channels. */
async function main(): Promise<void> {
  const config = loadConfig();
  const log = createLogger(config.LOG_LEVEL);
  const store = await openStore(config);
  const queue = config.REDIS_URL ? new BullQueue(config.REDIS_URL, log) : undefined;
  const metrics = createMetrics(queue && (() => queue.counts()));
  const core = await buildCore(config, log, { store, observer: metrics.observer });
  const adminToken = config.ADMIN_TOKEN ?? randomBytes(18).toString('base64url');
  const channels = setupChannels(core, config);
  const app = createApp(core, {
    adminToken, channels: channels.routers, metrics,
    readiness: queue ? { redis: () => queue.ping() } : {},
  });

  // With Redis the worker process runs the jobs and delivers notifications; this process only enqueues.
  const local = new LocalScheduler(log, metrics.observer.job);
  local.every('refresh-catalog', 60_000, () => core.catalog.refresh());
  if (queue) core.outbox.useQueue((n) => queue.enqueueNotification(n));
  else local.runAll(core);

  const server: Server = await new Promise((resolve, reject) => {
    const s = app.listen(config.PORT, config.HOST, () => resolve(s)).on('error', reject);
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.PORT;
  const products = (await core.store.listProducts()).length;
  await channels.start();
  console.log([
    '',
    `  ${config.STORE_NAME} is open — ${products} products, ${config.MONGODB_URI ? `MongoDB at ${redactUri(config.MONGODB_URI)}` : 'in-memory store (nothing is kept across restarts)'}`,
    `  Web chat:     http://localhost:${port}/`,
    `  Dashboard:    http://localhost:${port}/admin`,
    `  Message API:  POST http://localhost:${port}/api/messages${config.API_TOKEN ? ' (Bearer API_TOKEN)' : ''}`,
    `  Admin API:    http://localhost:${port}/admin/…  with  Authorization: Bearer ${config.ADMIN_TOKEN ? '<ADMIN_TOKEN>' : adminToken}`,
    `  Jobs:         ${queue ? 'BullMQ on Redis (run `npm run worker` too)' : 'in this process'}`,
    ...channels.lines.map((l) => `  ${l}`),
    channels.lines.length ? '' : '  Telegram, WhatsApp, SMS and phone calls switch on when their settings are present (see README).',
    config.ADMIN_TOKEN ? '' : '  (the admin token was generated for this run; set ADMIN_TOKEN to keep one)\n',
  ].join('\n'));

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down: no new requests, finishing the ones in flight');
    const force = setTimeout(() => { log.error('shutdown took over 10 s; exiting anyway'); process.exit(1); }, 10_000).unref();
    const closed = new Promise((r) => server.close(r));
    server.closeIdleConnections();
    await channels.stop();
    await local.stop();
    await core.engine.drain();
    await closed;
    await core.outbox.drain(3000);
    await queue?.close();
    await core.store.close();
    clearTimeout(force);
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

main().catch((err) => {
  if (err instanceof ConfigError || err instanceof StoreUnavailableError) console.error(err.message);
  else console.error(`Grocer could not start: ${(err as Error).message}`);
  process.exit(1);
});
