import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import { setupChannels } from '../channels/index';
import { ConfigError, loadConfig } from './config';
import { buildCore } from './core';
import { createApp } from './http/app';
import { sweepHolds } from './jobs/handlers';
import { LocalScheduler } from './jobs/local';
import { createLogger } from './log';
import { openStore, redactUri, StoreUnavailableError } from './store/open';
import { reconcile } from './inventory/reconcile';

async function main(): Promise<void> {
  const config = loadConfig();
  const log = createLogger(config.LOG_LEVEL);
  const store = await openStore(config);
  const core = await buildCore(config, log, { store });
  const adminToken = config.ADMIN_TOKEN ?? randomBytes(18).toString('base64url');
  const channels = setupChannels(core, config);
  const app = createApp(core, { adminToken, channels: channels.routers });
  const jobs = new LocalScheduler(log);
  jobs.every('sweep-holds', config.SWEEP_SECONDS * 1000, () => sweepHolds(core.inventory, log));
  jobs.every('reconcile', config.RECONCILE_MINUTES * 60_000, () => reconcile(store, core.clock, log, { settleMs: 5000, orphanGraceMs: 15 * 60_000 }));
  jobs.every('refresh-catalog', 60_000, () => core.catalog.refresh());
  jobs.every('store-maintenance', 60 * 60_000, () => store.maintain(24 * 60 * 60_000));

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
    `  Message API:  POST http://localhost:${port}/api/messages${config.API_TOKEN ? ' (Bearer API_TOKEN)' : ''}`,
    `  Admin API:    http://localhost:${port}/admin/…  with  Authorization: Bearer ${config.ADMIN_TOKEN ? '<ADMIN_TOKEN>' : adminToken}`,
    ...channels.lines.map((l) => `  ${l}`),
    channels.lines.length ? '' : '  Telegram, WhatsApp, SMS and phone calls switch on when their settings are present (see README).',
    config.ADMIN_TOKEN ? '' : '  (the admin token was generated for this run; set ADMIN_TOKEN to keep one)\n',
  ].join('\n'));

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 10_000).unref();
    server.close();
    await channels.stop();
    await jobs.stop();
    await core.engine.drain();
    await core.outbox.drain();
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
