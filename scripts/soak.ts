// Soak of the in-memory store through the real engine: many customers over simulated days, with the
// jobs (hold sweep, idle close, hourly maintenance) run on an injected clock as production runs them.
// Prints RSS and heap as it goes, and whether memory stays flat (within ±10 %) after warm-up.
//   node --expose-gc --import tsx scripts/soak.ts [messages] [phones]
// `npm run bench` calls soak() too.
import { pathToFileURL } from 'node:url';
import pino from 'pino';
import { loadConfig } from '../src/config';
import { buildCore } from '../src/core';
import type { Clock } from '../src/domain/types';
import { runJob } from '../src/jobs/handlers';
import { MemoryStore } from '../src/store/memory';

export interface SoakOptions {
  messages?: number;
  phones?: number;
  /** Simulated time between two messages: 5.2 s makes 100,000 messages span 6 days, three times the 48 h retention. */
  stepMs?: number;
  /** How many memory samples to take over the run. */
  samples?: number;
  /** The share of the run counted as warm-up (every customer has appeared and retention has filled up). */
  warmup?: number;
  print?: (line: string) => void;
}

export interface SoakSample { messages: number; simulatedHours: number; rssMiB: number; heapMiB: number; heapTotalMiB: number }

export interface SoakResult {
  samples: SoakSample[];
  /** Smallest and largest RSS after warm-up, as a share of their mean: flat when both are within ±10 %. */
  rssRange: { min: number; max: number; meanMiB: number };
  heapRange: { min: number; max: number; meanMiB: number };
  flat: boolean;
  seconds: number;
}

const MINUTE = 60_000;
const mib = (n: number) => n / 1024 / 1024;

/** What a customer says: a first visit registers and fills a cart; later visits shop, and one in ten checks out. */
function script(firstVisit: boolean, phoneIndex: number): string[] {
  if (firstVisit) return ['hi', 'Sam', `${1 + (phoneIndex % 200)} Main Street, Springfield`, '2 limes', 'add 3 lemons'];
  if (phoneIndex % 10 === 0) return ['2 limes', 'checkout', 'pickup', 'yes', 'thanks'];
  return ['2 limes', 'add 3 lemons', 'make it 5', 'show my cart', 'remove the lemons'];
}

export async function soak(opts: SoakOptions = {}): Promise<SoakResult> {
  const messages = opts.messages ?? 100_000;
  const phones = opts.phones ?? 10_000;
  const stepMs = opts.stepMs ?? 5_200;
  const sampleEvery = Math.max(1, Math.floor(messages / (opts.samples ?? 40)));
  const warmup = opts.warmup ?? 0.5;
  const print = opts.print ?? ((line: string) => console.log(line));
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) print('soak: run node with --expose-gc for steadier figures');

  const start = Date.UTC(2026, 10, 2, 8, 0, 0);
  const clock: Clock & { t: number } = { t: start, now() { return this.t; } };
  let n = 0;
  const core = await buildCore(loadConfig({}), pino({ level: 'silent' }), {
    store: new MemoryStore(clock), clock, ids: { next: () => `s${(++n).toString(36)}` },
  });
  for (const sku of ['FRU-LIM', 'FRU-LEM']) await core.inventory.setReceived(sku, 100_000_000);

  const jobs = { 'sweep-holds': 1 * MINUTE, 'close-idle': 5 * MINUTE, maintenance: 60 * MINUTE } as const;
  const due = new Map(Object.entries(jobs).map(([name, every]) => [name as keyof typeof jobs, start + every]));
  const samples: SoakSample[] = [];
  const began = performance.now();
  const sessionLength = 5;

  for (let m = 0; m < messages; m += 1) {
    const session = Math.floor(m / sessionLength);
    const phoneIndex = session % phones;
    const text = script(session < phones, phoneIndex)[m % sessionLength]!;
    const phone = `+1202${String(5_000_000 + phoneIndex).padStart(7, '0')}`;
    await core.engine.handle({ channel: 'api', phone, text });
    clock.t += stepMs;
    for (const [name, at] of due) {
      if (clock.t < at) continue;
      await runJob(core, name);
      due.set(name, at + jobs[name]);
    }
    if ((m + 1) % sampleEvery === 0) {
      gc?.();
      const mem = process.memoryUsage();
      const sample = { messages: m + 1, simulatedHours: (clock.t - start) / 3_600_000, rssMiB: mib(mem.rss), heapMiB: mib(mem.heapUsed), heapTotalMiB: mib(mem.heapTotal) };
      samples.push(sample);
      print(`soak: ${String(sample.messages).padStart(7)} messages, ${sample.simulatedHours.toFixed(0).padStart(4)} h simulated: RSS ${sample.rssMiB.toFixed(1)} MiB, heap ${sample.heapMiB.toFixed(1)} MiB used of ${sample.heapTotalMiB.toFixed(1)}`);
    }
  }

  const after = samples.filter((s) => s.messages > messages * warmup);
  const range = (xs: number[]) => {
    const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
    return { min: Math.min(...xs) / mean - 1, max: Math.max(...xs) / mean - 1, meanMiB: mean };
  };
  const rssRange = range(after.map((s) => s.rssMiB));
  const heapRange = range(after.map((s) => s.heapMiB));
  const flat = rssRange.min >= -0.1 && rssRange.max <= 0.1;
  const drift = after.length > 1 ? after.at(-1)!.rssMiB / after[0]!.rssMiB - 1 : 0;
  const seconds = (performance.now() - began) / 1000;
  const pct = (x: number) => `${x >= 0 ? '+' : ''}${(x * 100).toFixed(1)} %`;
  print(`soak: ${messages} messages from ${phones} phones in ${seconds.toFixed(0)} s; after warm-up (${Math.round(warmup * 100)} %) RSS ${rssRange.meanMiB.toFixed(1)} MiB ${pct(rssRange.min)}…${pct(rssRange.max)}, heap ${heapRange.meanMiB.toFixed(1)} MiB ${pct(heapRange.min)}…${pct(heapRange.max)}: ${flat ? 'flat (within ±10 %)' : 'NOT flat'}; RSS from first to last sample after warm-up ${pct(drift)}`);
  return { samples, rssRange, heapRange, flat, seconds };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const [messages, phones] = process.argv.slice(2).map(Number);
  soak({ ...(messages ? { messages } : {}), ...(phones ? { phones } : {}) }).then((r) => { process.exitCode = r.flat ? 0 : 1; });
}
