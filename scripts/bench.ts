// `npm run bench`: Grocer side by side with a bare Twilio webhook endpoint, on this machine, in one run.
// Signed SMS webhooks from 16 concurrent customers each going through whole orders, the same requests and
// the same client for every target; each server in a process of its own. On MongoDB also its store commands
// (per message over the full-speed run, and one new customer's dialogue message by message) and its rate
// against the in-memory store's. Then the MongoDB growth check, RSS per idle customer, the interpreter's
// worst case and start-up to the first answer, each beside its target. Not a test: figures vary with the
// machine and its neighbours. Writes docs/benchmarks.md (the table with the prose of scripts/bench/report.ts)
// after a full run.
//   BENCH_QUICK=1     a few seconds of each, for a smoke run (the figures mean little; docs are not written)
//   MONGODB_URI=…     the MongoDB to use (else the tests' own server: scripts/test-server.ts)
//   BENCH_SOAK_MESSAGES=n  also run the in-memory memory soak (scripts/soak.ts) over n messages
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { MongoClient } from 'mongodb';
import pino from 'pino';
import { loadConfig } from '../src/config';
import { buildCore } from '../src/core';
import { startFakeTwilio } from '../test/fakes/twilio-api';
import { ACCOUNT_SID, LoopbackClient } from './bench/client';
import { interpretFigures } from './bench/interpret';
import { corpusFigures, corpusRows, writeToDocs } from './bench/corpus';
import { commandsByMessageLine, commandsByMessageTable, dialogueCommands, grownMessages, type MessageCommands } from './bench/dialogue-commands';
import { closedLoop, paced, percentile, sequential, type LoadResult } from './bench/load';
import { mongoServer } from './bench/mongo';
import { BENCHMARKS_DOC, failures, kib, ms, perSecond, ratio, runLine, table, writeBenchmarks, type Row, type RunInfo } from './bench/report';
import { seedCustomers } from './bench/seed';
import { productionStartup, startupToFirstAnswer } from './bench/startup';
import { commandCounts, commandsBetween, type CommandCounts } from './bench/store-commands';
import { startBare, treeCpuMs, startGrocer, type Target } from './bench/targets';
import { soak } from './soak';

const QUICK = process.env.BENCH_QUICK === '1';
const CUSTOMERS = 16;
const plan = QUICK
  ? { warm: 48, warmSeconds: 2, max: 400, maxSeconds: 3, half: 200, halfSeconds: 2, small: 100, large: 300, growthMessages: 20, idle: 200, phrases: 2000 }
  : { warm: 480, warmSeconds: 5, max: 6000, maxSeconds: 15, half: 4000, halfSeconds: 12, small: 100, large: 10_000, growthMessages: 100, idle: 3000, phrases: 20_000 };

interface Measured { target: string; max: LoadResult; half: LoadResult; halfRate: number; cpuMsPerMessage: number; clientCpuMsPerMessage: number; dbCpuMsPerMessage?: number }
const notes: string[] = [];
/** One dialogue's store commands, message by message (MongoDB), for the page's own table. */
let byMessage: MessageCommands[] | undefined;
const log = (line: string) => console.error(line);

/** Warm-up, then as fast as 16 customers go, then paced at half that rate. */
async function measure(target: Target, checkReplies: boolean, around?: { before(): Promise<void>; after(max: LoadResult): Promise<void> }, dbPids?: number[]): Promise<Measured> {
  const client = new LoopbackClient(target.url, CUSTOMERS);
  try {
    await closedLoop(client, { customers: CUSTOMERS, maxMessages: plan.warm, maxSeconds: plan.warmSeconds, checkReplies });
    await around?.before();
    const cpu = [target.cpuMs(), dbPids ? treeCpuMs(dbPids) : 0];
    const clientCpu = process.cpuUsage();
    const max = await closedLoop(client, { customers: CUSTOMERS, maxMessages: plan.max, maxSeconds: plan.maxSeconds, checkReplies });
    const cpuMsPerMessage = (target.cpuMs() - cpu[0]!) / max.messages;
    const clientUsed = process.cpuUsage(clientCpu);
    const clientCpuMsPerMessage = (clientUsed.user + clientUsed.system) / 1000 / max.messages;
    const dbCpuMsPerMessage = dbPids ? (treeCpuMs(dbPids) - cpu[1]!) / max.messages : undefined;
    await around?.after(max);
    log(`${target.name}: ${perSecond(max.perSecond)} over ${max.messages} messages (${max.orders} orders)`);
    const halfRate = max.perSecond / 2;
    const half = await paced(client, { customers: CUSTOMERS, rate: halfRate, maxMessages: plan.half, maxSeconds: plan.halfSeconds, checkReplies });
    log(`${target.name}: at ${perSecond(halfRate)} p50 ${ms(percentile(half.latenciesMs, 0.5))}, p99 ${ms(percentile(half.latenciesMs, 0.99))}`);
    for (const r of [max, half]) { const f = failures(target.name, r); if (f) notes.push(f); }
    return { target: target.name, max, half, halfRate, cpuMsPerMessage, clientCpuMsPerMessage, ...(dbCpuMsPerMessage === undefined ? {} : { dbCpuMsPerMessage }) };
  } finally {
    client.close();
  }
}

/** A figure only meets its target when every message of the run was answered as the dialogue expects. */
const clean = (m: Measured) => m.max.failures === 0 && m.half.failures === 0;
/** Said beside a rate whose messages did not all go through (the notes say how they failed). */
const failedOf = (m: Measured) => (m.max.failures ? `; ${m.max.failures} of ${m.max.messages} messages failed` : '');
const cpu = (m: Measured) => `${ms(m.cpuMsPerMessage)}${m.dbCpuMsPerMessage === undefined ? '' : ` + ${ms(m.dbCpuMsPerMessage)} in the database server`}`;
const latency = (m: Measured) => `p50 ${ms(percentile(m.half.latenciesMs, 0.5))}, p99 ${ms(percentile(m.half.latenciesMs, 0.99))}, max ${ms(Math.max(...m.half.latenciesMs))} at ${perSecond(m.halfRate)}`;

/** One new customer's dialogue, its store commands by message; a failure is noted, not fatal to the rows around it. */
const commandsOfOneDialogue = (client: LoopbackClient, target: Target, when: string) =>
  dialogueCommands(client, () => commandCounts(target)).then(
    (rows) => { if (!rows) notes.push(`commands by message ${when} not measured: no grocer_store_commands_total in /metrics`); return rows; },
    (err: Error) => { notes.push(`commands by message ${when} not measured: ${err.message}`); return undefined; },
  );

/** Growth: one customer at a time, p50 of a message with few customers stored, then with many. */
async function growthCheck(uri: string, db: string, twilioApi: string, workDir: string, rows: Row[]): Promise<void> {
  const growth = await startGrocer({ name: 'Grocer, MongoDB (growth)', mongo: { uri, db }, twilioApi, workDir });
  try {
    const g = new LoopbackClient(growth.url, 1);
    await seedCustomers(uri, db, 0, plan.small);
    await sequential(g, 30, 20);
    const small = await sequential(g, plan.growthMessages);
    const fewCommands = await commandsOfOneDialogue(g, growth, `at ${plan.small} customers`);
    const t = performance.now();
    await seedCustomers(uri, db, plan.small, plan.large);
    log(`seeded ${plan.large - plan.small} customers in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    await sequential(g, 30, 20);
    const large = await sequential(g, plan.growthMessages);
    const manyCommands = await commandsOfOneDialogue(g, growth, `at ${plan.large} customers`);
    g.close();
    for (const [name, r] of [['growth, few', small], ['growth, many', large]] as const) { const gf = failures(name, r); if (gf) notes.push(gf); }
    const p50s = [percentile(small.latenciesMs, 0.5), percentile(large.latenciesMs, 0.5)] as const;
    rows.push({
      what: `growth, MongoDB: p50 of a message at ${plan.large.toLocaleString('en-US')} customers vs ${plan.small} (one customer talking)`,
      // A message that timed out counts at the 30 s it was given: its real cost is more, so say so.
      figure: `${large.failures ? '≥ ' : ''}${ms(p50s[1])} vs ${ms(p50s[0])} (${large.failures ? '≥ ' : ''}${(p50s[1] / p50s[0]).toFixed(2)} ×)${large.failures ? `; ${large.failures} of ${large.messages} messages at ${plan.large.toLocaleString('en-US')} unanswered within 30 s` : ''}`,
      target: '≤ 1.2 ×', met: small.failures === 0 && large.failures === 0 && p50s[1] / p50s[0] <= 1.2,
    });
    if (fewCommands && manyCommands) {
      const grown = grownMessages(fewCommands, manyCommands);
      const sum = (rs: MessageCommands[]) => rs.reduce((n, r) => n + r.total, 0);
      rows.push({
        what: `growth, MongoDB: store commands by message of one new customer's dialogue at ${plan.large.toLocaleString('en-US')} customers vs ${plan.small}`,
        figure: `${sum(manyCommands)} vs ${sum(fewCommands)} in all; ${grown.length ? `more at ${plan.large.toLocaleString('en-US')}: ${grown.join(', ')}` : 'no message took more'}`,
        target: 'no message\'s count grows', met: grown.length === 0,
      });
    }
  } finally {
    await growth.stop();
  }
}

async function main() {
  const began = Date.now();
  const loadBefore = loadavg()[0]!;
  const workDir = mkdtempSync(join(tmpdir(), 'grocer-bench-'));
  const twilio = await startFakeTwilio(ACCOUNT_SID);
  const rows: Row[] = [];
  try {
    const bareTarget = await startBare();
    const bare = await measure(bareTarget, false).finally(() => bareTarget.stop());
    rows.push({ what: 'bare endpoint: messages/s', figure: perSecond(bare.max.perSecond), target: 'ratio 1' });
    rows.push({ what: 'bare endpoint: latency at half load', figure: latency(bare), target: '' });

    const memTarget = await startGrocer({ name: 'Grocer, in-memory store', twilioApi: twilio.url, workDir });
    const mem = await measure(memTarget, true).finally(() => memTarget.stop());
    const memRatio = mem.max.perSecond / bare.max.perSecond;
    rows.push({ what: 'Grocer, in-memory store: messages/s (ratio to bare)', figure: `${perSecond(mem.max.perSecond)} (${ratio(memRatio)})${failedOf(mem)}`, target: '≥ 0.8 × bare', met: clean(mem) && memRatio >= 0.8 });
    const memP99 = percentile(mem.half.latenciesMs, 0.99);
    rows.push({ what: 'Grocer, in-memory store: latency at half load', figure: latency(mem), target: 'p99 ≤ 15 ms', met: clean(mem) && memP99 <= 15 });
    rows.push({ what: 'server CPU per message: bare endpoint vs Grocer in memory', figure: `${cpu(bare)} vs ${cpu(mem)} (${ratio(mem.cpuMsPerMessage / bare.cpuMsPerMessage)} ×); the load client's own ${ms(bare.clientCpuMsPerMessage)}`, target: '(steadier than messages/s on a busy machine)' });

    const mongo = await mongoServer();
    if (!mongo) notes.push('No MongoDB-protocol server (set MONGODB_URI, or install Java 17 and Maven for mongo-java-server): MongoDB rows skipped.');
    else {
      const stamp = Date.now().toString(36);
      const dbs = [`grocer_bench_${stamp}`, `grocer_bench_growth_${stamp}`];
      try {
        const target = await startGrocer({ name: 'Grocer, MongoDB', mongo: { uri: mongo.uri, db: dbs[0]! }, twilioApi: twilio.url, workDir });
        // Commands are read off /metrics around the full-speed run: whole dialogues, no start-up, no warm-up.
        let before: CommandCounts | undefined;
        let commands: ReturnType<typeof commandsBetween>;
        let counted = 0;
        const m = await measure(target, true, {
          async before() { before = await commandCounts(target); },
          async after(max) { commands = commandsBetween(before, await commandCounts(target)); counted = max.messages; },
        }, mongo.pids).then(async (measured) => {
          const c = new LoopbackClient(target.url, 1);
          byMessage = await commandsOfOneDialogue(c, target, 'after the full-speed run').finally(() => c.close());
          return measured;
        }).finally(() => target.stop());
        rows.push({ what: `Grocer, MongoDB (${mongo.source}): messages/s (ratio to bare)`, figure: `${perSecond(m.max.perSecond)} (${ratio(m.max.perSecond / bare.max.perSecond)})${failedOf(m)}`, target: '≥ 150/s with 16 customers', met: clean(m) && m.max.perSecond >= 150 });
        const toMemory = m.max.perSecond / mem.max.perSecond;
        rows.push({ what: 'Grocer on MongoDB vs its own in-memory rate in the same run', figure: `${ratio(toMemory)} × (${perSecond(m.max.perSecond)} vs ${perSecond(mem.max.perSecond)})${failedOf(m)}`, target: '≥ 0.5 ×', met: clean(m) && clean(mem) && toMemory >= 0.5 });
        rows.push({ what: 'Grocer, MongoDB: latency at half load', figure: latency(m), target: '' });
        rows.push({ what: 'Grocer, MongoDB: CPU per message', figure: cpu(m), target: '' });
        // No command at all is a store that did not work, not a store that needs none.
        const perMessage = commands?.total ? commands.total / counted : undefined;
        const top = commands ? [...commands.per].sort((a, b) => b[1] - a[1]).slice(0, 4).map(([c, n]) => `${c} ${(n / counted).toFixed(1)}`).join(', ') : '';
        rows.push({
          what: 'store commands per SMS message, MongoDB (whole dialogues)',
          figure: perMessage === undefined ? `n/a (${commands ? 'no command counted' : 'no grocer_store_commands_total in /metrics'})` : `${perMessage.toFixed(1)} over ${counted} messages (${top})`,
          target: '≤ 4', ...(perMessage === undefined ? {} : { met: clean(m) && perMessage <= 4 }),
        });
        rows.push({
          what: 'store commands by message, MongoDB (one new customer\'s dialogue; table below)',
          figure: byMessage ? commandsByMessageLine(byMessage) : 'n/a (see the notes)', target: '',
        });

        await growthCheck(mongo.uri, dbs[1]!, twilio.url, workDir, rows).catch((err: Error) => { notes.push(`growth check failed: ${err.message.split('\n')[0]}`); });
      } catch (err) {
        notes.push(`MongoDB run failed: ${(err as Error).message.split('\n')[0]}`);
      } finally {
        if (process.env.MONGODB_URI) {
          const client = await MongoClient.connect(mongo.uri);
          for (const db of dbs) await client.db(db).dropDatabase().catch(() => undefined);
          await client.close();
        }
        await mongo.stop();
      }
    }

    const idle = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', 'scripts/bench/idle-rss.ts', String(plan.idle)], { encoding: 'utf8' });
    const idleFig = idle.status === 0 ? JSON.parse(idle.stdout.trim().split('\n').at(-1)!) as { rssPerCustomer: number; heapPerCustomer: number } : undefined;
    rows.push({
      what: `RSS per idle customer, in-memory store (registered, 2 lines in the cart; ${plan.idle.toLocaleString('en-US')} customers)`,
      figure: idleFig ? `${kib(idleFig.rssPerCustomer)} (heap ${kib(idleFig.heapPerCustomer)})` : `failed: ${idle.stderr.split('\n').slice(-3).join(' ')}`, target: '',
    });

    const core = await buildCore(loadConfig({}), pino({ level: 'silent' }));
    const interp = await interpretFigures(core.rules, plan.phrases);
    rows.push({ what: 'parser, ordinary phrases', figure: perSecond(interp.perSecond), target: '' });
    rows.push({
      what: `interpret, worst of the adversarial corpus (${interp.corpus} messages up to 1,000 chars)`,
      figure: `${ms(interp.worstBestMs)} best of 5 (${interp.worstBestName}); first read ${ms(interp.worstFirstMs)} (${interp.worstFirstName})`,
      target: 'was 59.7 s for "1 " × 500 before issue 8',
    });

    const understanding = corpusRows(await corpusFigures(QUICK ? 1 : 5));
    rows.push(...understanding);
    if (!QUICK) writeToDocs(understanding, new Date().toISOString().replace(/:\d\d\.\d+Z$/, ' UTC').replace('T', ' '));

    const production = await productionStartup().catch((err: Error) => { notes.push(`production start-up not measured: ${err.message}`); return undefined; });
    const fallback = production ? undefined : await startupToFirstAnswer(twilio.url, workDir).catch((err: Error) => { notes.push(`start-up not measured: ${err.message}`); return undefined; });
    for (const startup of production ?? (fallback ? [fallback] : [])) {
      rows.push({ what: `start-up to the first answer (${startup.command}, in-memory store)`, figure: ms(startup.ms), target: '≤ 1.5 s', met: startup.ms <= 1500 });
    }
  } catch (err) {
    // What was measured before the failure is still printed.
    notes.push(`the run stopped early: ${(err as Error).stack ?? String(err)}`);
    process.exitCode = 1;
  } finally {
    await twilio.close();
    rmSync(workDir, { recursive: true, force: true });
  }

  const run: RunInfo = {
    when: new Date().toISOString().replace(/:\d\d\.\d+Z$/, ' UTC').replace('T', ' '),
    cores: cpus().length, cpu: cpus()[0]?.model.trim() ?? 'unknown CPU', node: process.version, customers: CUSTOMERS,
    seconds: (Date.now() - began) / 1000, loadBefore, loadAfter: loadavg()[0]!, quick: QUICK,
  };
  console.log(`\n${runLine(run)}\n`);
  console.log(table(rows));
  if (byMessage) console.log(`\nStore commands by message (MongoDB, one new customer):\n\n${commandsByMessageTable(byMessage)}`);
  for (const n of notes) console.log(`\n- ${n}`);
  // A smoke run's figures mean nothing, and a run that stopped early is missing rows: neither replaces the page.
  if (!QUICK && !process.exitCode) {
    writeBenchmarks(run, rows, notes, byMessage);
    console.log(`\nwrote ${BENCHMARKS_DOC.pathname}`);
  }

  const soakMessages = Number(process.env.BENCH_SOAK_MESSAGES ?? 0);
  if (soakMessages > 0) await soak({ messages: soakMessages, phones: Math.max(1, Math.round(soakMessages / 10)) });
}

main().catch((err) => { console.error(err); process.exit(1); });
