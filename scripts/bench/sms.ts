// Only the in-memory SMS part of `npm run bench`: the bare endpoint, then Grocer on its in-memory store, the
// same dialogue, client and CPU-per-message method (/proc), each target warmed up first. For working on the
// cost of a message without the MongoDB, growth and start-up phases.
//   node --import tsx scripts/bench/sms.ts [runs=1] [messages=6000]
//   SMS_BENCH_TARGET=grocer|bare   measure one target only
//   SMS_BENCH_NODE_ARGS='…'        Node options for Grocer's process, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`
//                                  (the profile is written when it exits)
import { loadavg } from 'node:os';
import { startFakeTwilio } from '../../test/fakes/twilio-api';
import { ACCOUNT_SID, LoopbackClient } from './client';
import { closedLoop } from './load';
import { ms, perSecond } from './report';
import { startBare, startGrocer, type Target } from './targets';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const CUSTOMERS = 16;
const runs = Number(process.argv[2] ?? 1);
const messages = Number(process.argv[3] ?? 6000);
const only = process.env.SMS_BENCH_TARGET;
const nodeArgs = process.env.SMS_BENCH_NODE_ARGS?.split(/\s+/).filter(Boolean) ?? [];

interface Figures { perSecond: number; cpuMs: number; failures: number }

async function measure(target: Target, checkReplies: boolean): Promise<Figures> {
  const client = new LoopbackClient(target.url, CUSTOMERS);
  try {
    await closedLoop(client, { customers: CUSTOMERS, maxMessages: 480, maxSeconds: 5, checkReplies });
    const cpu = target.cpuMs();
    const r = await closedLoop(client, { customers: CUSTOMERS, maxMessages: messages, maxSeconds: 30, checkReplies });
    const figures = { perSecond: r.perSecond, cpuMs: (target.cpuMs() - cpu) / r.messages, failures: r.failures };
    if (r.failures) console.error(`${target.name}: ${r.failureSamples.join(' | ')}`);
    return figures;
  } finally {
    client.close();
  }
}

async function main() {
  const workDir = mkdtempSync(join(tmpdir(), 'grocer-sms-bench-'));
  const twilio = await startFakeTwilio(ACCOUNT_SID);
  try {
    for (let run = 1; run <= runs; run += 1) {
      const load = loadavg()[0]!.toFixed(1);
      const bare = only === 'grocer' ? undefined : await startBare().then((t) => measure(t, false).finally(() => t.stop()));
      const args = nodeArgs.length ? [...nodeArgs, '--import', 'tsx', 'src/main.ts'] : undefined;
      const grocer = only === 'bare' ? undefined
        : await startGrocer({ name: 'Grocer, in-memory store', twilioApi: twilio.url, workDir, ...(args ? { args } : {}) }).then((t) => measure(t, true).finally(() => t.stop()));
      const show = (f?: Figures) => (f ? `${perSecond(f.perSecond)}, ${ms(f.cpuMs)} CPU/message${f.failures ? `, ${f.failures} failed` : ''}` : '-');
      const ratio = bare && grocer ? ` ratio ${(grocer.perSecond / bare.perSecond).toFixed(2)}, CPU ${(grocer.cpuMs / bare.cpuMs).toFixed(2)} ×` : '';
      console.log(`run ${run} (load ${load}): bare ${show(bare)} | grocer ${show(grocer)}${ratio}`);
    }
  } finally {
    await twilio.close();
    rmSync(workDir, { recursive: true, force: true });
  }
}

main().catch((err) => { console.error(err); process.exit(1); });
