import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import { Redis } from 'ioredis';
import { setupChannels } from '../channels/index';
import { webChatCodeSender } from '../channels/web/code-sender';
import { ConfigError, loadConfig, type Config } from './config';
import { buildCore } from './core';
import { createApp } from './http/app';
import { createMetrics } from './http/metrics';
import { BullQueue } from './jobs/bullmq';
import { LocalScheduler } from './jobs/local';
import { createLogger } from './log';
import { relayConsoleEvents } from './events/redis-relay';
import { databaseName, openStore, redactUri, StoreUnavailableError } from './store/open';

/** The web process: config → store → core → jobs → http + channels. */
async function main(): Promise<void> {
  const config = loadConfig();
  const log = createLogger(config.LOG_LEVEL, undefined, { hashKey: config.LOG_HASH_KEY });
  const queue = config.REDIS_URL ? new BullQueue(config.REDIS_URL, log) : undefined;
  const metrics = createMetrics(queue && (() => queue.counts()));
  const store = await openStore(config, undefined, metrics.storeCommand);
  // Rate limits shared by every web process; commands fail fast rather than queue while Redis is away.
  const redis = config.REDIS_URL ? new Redis(config.REDIS_URL, { enableOfflineQueue: false, maxRetriesPerRequest: 1 }) : undefined;
  redis?.on('error', () => { /* the limiters fall back to memory; /readyz reports Redis through the queue */ });
  const core = await buildCore(config, log, { store, observer: metrics.observer, ...(redis ? { redis } : {}) });
  // Console events (GET /admin/events) reach every web process's consoles, whichever process they happened in.
  const relay = redis ? relayConsoleEvents(core.events, redis, log) : undefined;
  const adminToken = config.ADMIN_TOKEN ?? randomBytes(18).toString('base64url');
  const apiToken = config.API_TOKEN ?? randomBytes(18).toString('base64url');
  const sessionSecret = config.SESSION_SECRET ?? randomBytes(32).toString('base64url');
  const channels = setupChannels(core, config);
  const codeSender = webChatCodeSender(config);
  const app = createApp(core, {
    adminToken, apiToken, sessionSecret, channels: channels.routers, metrics,
    readiness: queue ? { redis: () => queue.ping() } : {},
    ...(codeSender ? { codeSender } : {}),
    ...(redis ? { redis } : {}),
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
    `  ${config.STORE_NAME} is open — ${products} products, ${config.MONGODB_URI ? `MongoDB at ${redactUri(config.MONGODB_URI)}, database ${databaseName(config.MONGODB_URI, config.MONGODB_DB)}` : 'in-memory store (nothing is kept across restarts)'}`,
    `  Web chat:     http://localhost:${port}/`,
    `  Console:      http://localhost:${port}/admin  (sign in with the admin token: ${config.ADMIN_TOKEN ? 'ADMIN_TOKEN' : adminToken}; then set up the owner's account)`,
    `  API docs:     http://localhost:${port}/docs  (OpenAPI document: /openapi.json)`,
    `  Chat codes:   ${codeDelivery(config, codeSender !== undefined)}`,
    `  Message API:  POST http://localhost:${port}/api/messages  with  Authorization: Bearer ${config.API_TOKEN ? '<API_TOKEN>' : apiToken}`,
    `  Admin API:    http://localhost:${port}/admin/…  with  Authorization: Bearer ${config.ADMIN_TOKEN ? '<ADMIN_TOKEN>' : adminToken}`,
    `  Metrics:      GET http://localhost:${port}/metrics  with  Authorization: Bearer ${config.METRICS_TOKEN ? '<METRICS_TOKEN>' : '<the admin token>'}`,
    `  Jobs:         ${queue ? 'BullMQ on Redis (run `npm run worker` too)' : 'in this process'}`,
    ...channels.lines.map((l) => `  ${l}`),
    channels.lines.length ? '' : '  Telegram, WhatsApp, SMS and phone calls switch on when their settings are present (see README).',
    ...generated(config).map((l) => `  ${l}`),
    '',
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
    await core.backInStock.drain();
    await core.outbox.drain(3000);
    await queue?.close();
    await relay?.close();
    redis?.disconnect();
    await core.store.close();
    clearTimeout(force);
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

/** Which secrets were made up for this run (they change at every start unless set). */
function generated(config: Config): string[] {
  const made = [
    config.ADMIN_TOKEN ? '' : 'ADMIN_TOKEN',
    config.API_TOKEN ? '' : 'API_TOKEN',
    config.SESSION_SECRET ? '' : 'SESSION_SECRET (web chat sign-ins end at restart)',
  ].filter(Boolean);
  return made.length ? [`(generated for this run: ${made.join(', ')}; set them to keep them)`] : [];
}

function codeDelivery(config: Config, configured: boolean): string {
  if (configured) return config.TWILIO_VERIFY_SERVICE_SID ? 'Twilio Verify' : `SMS from ${config.TWILIO_SMS_NUMBER}`;
  return config.NODE_ENV === 'production'
    ? 'none configured: the web chat says it is unavailable (set TWILIO_VERIFY_SERVICE_SID or TWILIO_SMS_NUMBER)'
    : 'printed on this console (development only; set TWILIO_VERIFY_SERVICE_SID or TWILIO_SMS_NUMBER)';
}

main().catch((err) => {
  if (err instanceof ConfigError || err instanceof StoreUnavailableError) console.error(err.message);
  else console.error(`Grocer could not start: ${(err as Error).message}`);
  process.exit(1);
});
