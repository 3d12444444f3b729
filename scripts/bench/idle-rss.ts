// RSS per idle customer on the in-memory store: customers register and leave something in their cart,
// then go quiet. Run in a process of its own with --expose-gc (scripts/bench.ts does), prints one JSON line.
import pino from 'pino';
import { loadConfig } from '../../src/config';
import { buildCore } from '../../src/core';

const customers = Number(process.argv[2] ?? 3000);
const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
const core = await buildCore(loadConfig({ RATE_PER_MINUTE: '10000' }), pino({ level: 'silent' }));
for (const sku of ['FRU-LIM', 'DAI-EGG']) await core.inventory.setReceived(sku, 100_000_000);
const visit = (phone: string) => ['hi', 'Sam', '12 Main Street, Springfield', '2 limes and a dozen eggs']
  .reduce((p, text) => p.then(() => core.engine.handle({ channel: 'sms', phone, text }).then(() => undefined)), Promise.resolve());

// Warm-up: the interpreter, the engine and the store's maps are built and hot before the first reading.
for (let i = 0; i < 200; i += 1) await visit(`+1202${String(8_000_000 + i).padStart(7, '0')}`);
const settle = () => { for (let i = 0; i < 3; i += 1) gc(); return process.memoryUsage(); };
const before = settle();
for (let i = 0; i < customers; i += 1) await visit(`+1202${String(6_000_000 + i).padStart(7, '0')}`);
const after = settle();
console.log(JSON.stringify({ customers, rssPerCustomer: (after.rss - before.rss) / customers, heapPerCustomer: (after.heapUsed - before.heapUsed) / customers }));
