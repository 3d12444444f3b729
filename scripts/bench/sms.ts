// Only the in-memory SMS part of `npm run bench`: the bare endpoint, then Grocer on its in-memory store, the
// same dialogue, client and CPU-per-message method (/proc), each target warmed up first. For working on the
// cost of a message without the MongoDB, growth and start-up phases.
//   node --import tsx scripts/bench/sms.ts [runs=1] [messages=6000]
//   SMS_BENCH_TARGET=grocer|bare   measure one target only
//   SMS_BENCH_NODE_ARGS='…'        Node options for Grocer's process, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`
//                                  (the profile is written when it exits)
import { cpuPerMessage, inRounds, type CpuFigures } from './cpu-per-message';
import { ms, perSecond } from './report';
import { startBare, startGrocer, type Target } from './targets';

const CUSTOMERS = 16;
const runs = Number(process.argv[2] ?? 1);
const messages = Number(process.argv[3] ?? 6000);
const only = process.env.SMS_BENCH_TARGET;
const nodeArgs = process.env.SMS_BENCH_NODE_ARGS?.split(/\s+/).filter(Boolean) ?? [];

const measure = (target: Target, checkReplies: boolean): Promise<CpuFigures> =>
  cpuPerMessage(target, { customers: CUSTOMERS, messages, maxSeconds: 30, checkReplies }).finally(() => target.stop());

const show = (f?: CpuFigures) => (f ? `${perSecond(f.perSecond)}, ${ms(f.cpuMs)} CPU/message${f.failures ? `, ${f.failures} failed` : ''}` : '-');

inRounds(runs, async (run, { twilioApi, workDir, load }) => {
  const bare = only === 'grocer' ? undefined : await startBare().then((t) => measure(t, false));
  const args = nodeArgs.length ? [...nodeArgs, '--import', 'tsx', 'src/main.ts'] : undefined;
  const grocer = only === 'bare' ? undefined
    : await startGrocer({ name: 'Grocer, in-memory store', twilioApi, workDir, ...(args ? { args } : {}) }).then((t) => measure(t, true));
  const ratio = bare && grocer ? ` ratio ${(grocer.perSecond / bare.perSecond).toFixed(2)}, CPU ${(grocer.cpuMs / bare.cpuMs).toFixed(2)} ×` : '';
  console.log(`run ${run} (load ${load}): bare ${show(bare)} | grocer ${show(grocer)}${ratio}`);
}).catch((err) => { console.error(err); process.exit(1); });
