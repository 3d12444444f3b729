// What `npm run bench` reports: the side-by-side table (Markdown), printed and written to docs/benchmarks.md
// with the prose that explains it. That page is this file's output only, never edited by hand.
import { writeFileSync } from 'node:fs';
import { commandsByMessageTable, type MessageCommands } from './dialogue-commands';
import type { LoadResult } from './load';

export interface Row { what: string; figure: string; target: string; met?: boolean }

const group = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
export const perSecond = (n: number) => `${group(n, n < 100 ? 1 : 0)}/s`;
export const ms = (n: number) => (Number.isNaN(n) ? 'n/a' : n >= 1000 ? `${(n / 1000).toFixed(2)} s` : `${n.toFixed(n < 10 ? 2 : 1)} ms`);
export const ratio = (n: number) => n.toFixed(2);
export const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;

export function failures(name: string, r: LoadResult): string | undefined {
  if (r.failures === 0) return undefined;
  return `${name}: ${r.failures} of ${r.messages} messages failed (${r.failureSamples.join(' | ')})`;
}

export function table(rows: Row[]): string {
  const mark = (m?: boolean) => (m === undefined ? '' : m ? 'met' : 'NOT met');
  return [
    '| what | figure | target | |',
    '|---|---|---|---|',
    ...rows.map((r) => `| ${r.what} | ${r.figure} | ${r.target} | ${mark(r.met)} |`),
  ].join('\n');
}

/** The run a table came from: when, on what, and how busy the machine was. */
export interface RunInfo {
  /** `2026-11-23 06:41 UTC` */
  when: string;
  cores: number;
  cpu: string;
  node: string;
  customers: number;
  seconds: number;
  loadBefore: number;
  loadAfter: number;
  quick: boolean;
}

/** The line above the table, as printed and as written. */
export function runLine(run: RunInfo): string {
  return `Grocer benchmark${run.quick ? ' (BENCH_QUICK: smoke run, figures not meaningful)' : ''}, ${run.when}: ${run.cores} cores (${run.cpu}), Node ${run.node}; `
    + `${run.customers} concurrent customers, signed SMS webhooks over loopback, ${run.seconds.toFixed(0)} s; `
    + `load average ${run.loadBefore.toFixed(1)} at the start, ${run.loadAfter.toFixed(1)} at the end (other work on the machine shares its ${run.cores} cores)`;
}

/** Which targets this run met and which it did not, each with its figure. */
function verdict(rows: Row[]): string[] {
  const list = (met: boolean) => rows.filter((r) => r.met === met).map((r) => `  - ${r.what}: ${r.figure} (target ${r.target})`);
  const [met, not] = [list(true), list(false)];
  return [`- Met on this run:${met.length ? '' : ' none.'}`, ...met, `- Not met:${not.length ? '' : ' none.'}`, ...not];
}

const ABOUT = `# Benchmarks

<!-- Written by \`npm run bench\` (scripts/bench/report.ts); do not edit by hand: run the benchmark. -->

\`npm run bench\` measures, in one run on the machine it runs on, Grocer side by side with a bare Twilio
webhook endpoint (an express route that parses the form, checks \`X-Twilio-Signature\` with twilio's own
validator and answers constant TwiML). The load is the same for every target: signed SMS webhooks to the real
\`/twilio/messages\` (signatures by twilio's \`getExpectedTwilioSignature\`), 16 concurrent customers each going
through a whole order (\`hi\`, name, address, three item lines, \`show my cart\`, \`checkout\`, \`delivery\`, \`yes\`),
a new phone number per order, over loopback from one small keep-alive client. Each server runs in a process
of its own, started as production starts it (\`src/main.ts\`, \`NODE_ENV=production\`, default log level).

- **throughput**: 16 customers as fast as they are answered (closed loop), after a warm-up;
- **latency at half load**: messages fall due at half that rate and are timed from when they were due (so a
  stalled server cannot hide its queue);
- **server CPU per message** (from \`/proc\`): steadier than messages/s when other work shares the machine;
- **MongoDB** on \`MONGODB_URI\` when set, else the project's test server (\`scripts/test-server.ts\`:
  mongodb-memory-server where a mongod can be downloaded, else mongo-java-server in memory, built from
  \`scripts/mongo-test-server\`; the database's CPU is its process's); **store commands per
  message** are read from Grocer's own \`grocer_store_commands_total\` in \`/metrics\` around the full-speed run
  ("n/a" without it); then **store commands by message**: one new customer's dialogue, one message at a time,
  each message's commands read off \`/metrics\` before and after it (20 ms after its answer, so work it sets
  going lands with it; a job's tick that falls in a message counts with it); and **Grocer on MongoDB against
  its own in-memory rate** in the same run;
- **growth**: one customer talking, p50 of a message with 100 customers stored, then with 10,000 (customers
  seeded in bulk from one written through the store: registration, closed conversation, released hold,
  delivered order, answered message), and each message's store commands at both sizes (none may grow);
- **RSS per idle customer** on the in-memory store (registered, two lines in the cart, then quiet);
- the interpreter: ordinary phrases a second and the **worst case over the adversarial corpus**
  (\`test/understanding/adversarial-corpus.ts\`, best of five and first read), and the phrasing corpus (also
  written to [understanding.md](understanding.md#figures));
- **start-up to the first answer**: \`npm start\` and \`node dist/main.js\` (through \`scripts/startup-time.ts\`)
  when the production build is there, else from spawning \`tsx src/main.ts\` to the answer to a first SMS.

Each figure stands beside its target, marked met or NOT met (a throughput, latency or commands target only
when every message of its run was answered as the dialogue expects: an answer that is Grocer's apology for
a failure inside it counts as a failed message). \`BENCH_QUICK=1 npm run bench\` is a smoke run of
a few seconds per phase: it prints its figures (they mean nothing) and writes no page. \`BENCH_SOAK_MESSAGES=100000\`
adds the in-memory memory soak (\`scripts/soak.ts\`, also runnable alone: \`node --expose-gc --import tsx
scripts/soak.ts\`) at the end: 100,000 messages from 10,000 phones through the engine with an injected clock
over six simulated days, checking that memory stays flat after warm-up. \`test/bench.test.ts\` checks that the
benchmark's customers still complete their orders on today's engine. The exact store commands of each message
are counted by a test, see [MongoDB](mongodb.md#how-a-message-uses-it).

These machines are shared and noisy: the ratios and the CPU per message say more than the rates, compare runs
on one machine, and rerun when it is quiet (the load average below says how busy it was).`;

/** The section on one dialogue's store commands, message by message (MongoDB). */
export function byMessageSection(byMessage: MessageCommands[]): string[] {
  return [
    '### Store commands by message (MongoDB)',
    '',
    'One new customer\'s order (the bench dialogue), one signed SMS at a time on the same server after its full-speed run:',
    '',
    commandsByMessageTable(byMessage),
  ];
}

/** docs/benchmarks.md: what is measured and how, then the latest run's table, verdict, commands by message and notes. */
export function benchmarksPage(run: RunInfo, rows: Row[], notes: string[], byMessage?: MessageCommands[]): string {
  return [
    ABOUT,
    '',
    '## The latest run',
    '',
    `${runLine(run)}.`,
    '',
    table(rows),
    '',
    ...verdict(rows),
    ...(byMessage ? ['', ...byMessageSection(byMessage)] : []),
    ...(notes.length ? ['', 'Notes of the run:', '', ...notes.map((n) => `- ${n}`)] : []),
    '',
  ].join('\n');
}

export const BENCHMARKS_DOC = new URL('../../docs/benchmarks.md', import.meta.url);

export function writeBenchmarks(run: RunInfo, rows: Row[], notes: string[], byMessage?: MessageCommands[]): void {
  writeFileSync(BENCHMARKS_DOC, benchmarksPage(run, rows, notes, byMessage));
}
