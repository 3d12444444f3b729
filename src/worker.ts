import { Redis } from 'ioredis';
import { setupChannels } from '../channels/index';
import { ConfigError, loadConfig } from './config';
import { buildCore } from './core';
import { createMetrics } from './http/metrics';
import { BullQueue, startWorker } from './jobs/bullmq';
import { createLogger } from './log';
import { relayConsoleEvents } from './events/redis-relay';
import { openStore, StoreUnavailableError } from './store/open';

/** The worker process: runs the scheduled jobs and delivers notifications, from the BullMQ queue. */
async function main(): Promise<void> {
  const config = loadConfig();
  if (!config.REDIS_URL) throw new ConfigError('npm run worker needs REDIS_URL; without Redis the web process runs the jobs itself');
  const log = createLogger(config.LOG_LEVEL, undefined, { hashKey: config.LOG_HASH_KEY }).child({ process: 'worker' });
  if (!config.MONGODB_URI) log.warn('no MONGODB_URI: this worker has a store of its own, separate from the web process');
  const metrics = createMetrics();
  const store = await openStore(config, undefined, metrics.storeCommand);
  const core = await buildCore(config, log, { store, observer: metrics.observer });
  setupChannels(core, config); // registers the senders notifications go out through; serves no routes here
  // The owner's settings (the store's name in what this worker sends), read again every 2 s.
  const stopSettings = core.settings.follow(undefined, (err) => log.warn({ err }, 'could not read the store settings; using the last ones read'));
  // What this worker sends lands in transcripts: the consoles, connected to web processes, hear of it.
  const redis = new Redis(config.REDIS_URL, { maxRetriesPerRequest: 1 });
  redis.on('error', () => { /* the relay logs what it could not publish */ });
  const relay = relayConsoleEvents(core.events, redis, log);
  const queue = new BullQueue(config.REDIS_URL, log);
  await queue.schedule(core);
  const worker = startWorker(core, config.REDIS_URL, metrics.observer);
  console.log(`  Grocer worker started: jobs from BullMQ on ${config.REDIS_URL.replace(/\/\/[^@]*@/, '//***@')}`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'worker shutting down: finishing the jobs in progress');
    const force = setTimeout(() => process.exit(1), 10_000).unref();
    stopSettings();
    await worker.close();
    await core.outbox.drain(3000);
    await queue.close();
    await relay.close();
    redis.disconnect();
    await store.close();
    clearTimeout(force);
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

main().catch((err) => {
  console.error(err instanceof ConfigError || err instanceof StoreUnavailableError ? err.message : `worker could not start: ${(err as Error).message}`);
  process.exit(1);
});
