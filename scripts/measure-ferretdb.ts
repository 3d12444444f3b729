// Measures Grocer's engine on FerretDB, on its SQLite or its PostgreSQL backend: messages/s and latency of
// one customer's dialogues back to back, then of 16 customers at once, and the commands sent per message.
// The engine is driven in-process (no HTTP: scripts/bench.ts measures the whole path).
//
//   FERRETDB_BIN=/tmp/ferretdb npx tsx scripts/measure-ferretdb.ts sqlite
//   FERRETDB_BIN=/tmp/ferretdb npx tsx scripts/measure-ferretdb.ts postgresql [postgres://postgres@127.0.0.1:55432/ferretdb]
// Without a PostgreSQL URL, a throwaway cluster in tmpfs (scripts/test-server.ts).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { loadConfig } from '../src/config';
import { buildCore, type Core } from '../src/core';
import { createLogger } from '../src/log';
import { MongoStore } from '../src/store/mongo/mongo';
import { freePort } from './free-port';
import { startTestServer } from './test-server';

const DIALOGUE = [
  'hello', 'my name is ana lopez', '12 Main Street, Springfield',
  '2 kg apples, a dozen eggs and 3 bottles of milk', '2', 'show my cart', 'checkout', 'delivery', 'yes',
  'where is my order?',
];
const [backend = 'sqlite', pgUrl = ''] = process.argv.slice(2);
const bin = process.env.FERRETDB_BIN ?? '/tmp/ferretdb';
const singleDialogues = Number(process.env.SINGLE_DIALOGUES ?? 20);
const concurrentDialogues = Number(process.env.CONCURRENT_DIALOGUES ?? 80);
const customers = Number(process.env.CUSTOMERS ?? 16);


const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;

let phones = 0;
/** One new customer's whole order; the latency of each message in ms. */
async function dialogue(core: Core, latencies: number[]): Promise<void> {
  phones += 1;
  const phone = `+1202${String(5_000_000 + phones).padStart(7, '0')}`;
  for (const text of DIALOGUE) {
    const t0 = performance.now();
    await core.engine.handle({ channel: 'sms', phone, text });
    latencies.push(performance.now() - t0);
  }
}

async function run(core: Core, store: MongoStore, dialogues: number, parallel: number) {
  const latencies: number[] = [];
  const c0 = store.commands.total();
  const before = new Map(store.commands.byName());
  const t0 = performance.now();
  let next = 0;
  await Promise.all(Array.from({ length: parallel }, async () => {
    while (next < dialogues) { next += 1; await dialogue(core, latencies); }
  }));
  const seconds = (performance.now() - t0) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    messages: latencies.length,
    perSecond: Math.round(latencies.length / seconds),
    p50: quantile(latencies, 0.5).toFixed(1),
    p99: quantile(latencies, 0.99).toFixed(1),
    commandsPerMessage: ((store.commands.total() - c0) / latencies.length).toFixed(1),
    commands: Object.fromEntries([...store.commands.byName()].map(([k, v]) => [k, v - (before.get(k) ?? 0)])),
  };
}

async function main() {
  if (!pgUrl) {
    const server = await startTestServer(bin, backend === 'postgresql' ? 'postgresql' : 'sqlite');
    if (!server) throw new Error(`FerretDB on ${backend} could not be started`);
    try { await measure(server.uri); } finally { await server.stop(); }
    return;
  }
  const port = await freePort();
  const dir = mkdtempSync('/dev/shm/grocer-measure-');
  const args = ['-listen', `127.0.0.1:${port}`, ...(backend === 'postgresql' ? ['-postgresql-url', pgUrl] : ['-dir', dir])];
  const server = spawn(bin, args, { stdio: 'ignore' });
  try {
    await measure(`mongodb://127.0.0.1:${port}/`);
  } finally {
    server.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  }
}

async function measure(uri: string) {
  let store: MongoStore | undefined;
  for (let i = 0; i < 50 && !store; i += 1) {
    store = await MongoStore.connect(uri, `measure_${Date.now()}`, { timeoutMs: 1000 }).catch(async () => { await sleep(200); return undefined; });
  }
  if (!store) throw new Error(`FerretDB (${backend}) did not answer`);
  const t0 = performance.now();
  const core = await buildCore(loadConfig({}), createLogger('silent'), { store });
  const seeded = performance.now() - t0;
  const startCommands = store.commands.total();
  // Enough stock that no dialogue runs out.
  for (const sku of ['FRU-APL-GAL', 'DAI-EGG', 'DAI-MLK-OAT']) {
    const p = (await store.getProduct(sku))!;
    const set = await core.catalog.upsert([{ sku, name: p.name, price: p.priceCents / 100, unit: p.unit, stock: 100_000, category: p.category, aliases: p.aliases }]);
    if (!set.ok) throw new Error(`could not restock ${sku}: ${set.errors.join('; ')}`);
  }
  const single = await run(core, store, singleDialogues, 1);
  const concurrent = await run(core, store, concurrentDialogues, customers);
  const again = await run(core, store, singleDialogues, 1);
  console.log(JSON.stringify({
    backend, startUpMs: Math.round(seeded), startUpCommands: startCommands,
    oneCustomer: single, [`${customers}Customers`]: concurrent, oneCustomerAfter: again,
  }, null, 2));
  await store.close();
}

main().catch((err) => { console.error(err); process.exit(1); });
