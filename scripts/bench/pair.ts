// Two Grocer source trees side by side, at the same time, each on the in-memory store with 16 customers of
// its own going through the bench's dialogue: CPU per message of each from /proc, and B's over A's. On a
// machine shared with other work both suffer the same neighbours, so the ratio holds where the absolute
// figures of `npm run bench` (or scripts/bench/sms.ts) swing by tens of per cent. Before/after a change:
// check the "before" out into a directory of its own (`git archive <rev> | tar -x -C /tmp/before`, with
// node_modules linked), then
//   node --import tsx scripts/bench/pair.ts /tmp/before . [rounds=3] [messages=3000]
//   PAIR_NODE_ARGS_B='…'   Node options for B's process only (a flag tried against none)
import { join, resolve } from 'node:path';
import { cpuPerMessage, inRounds } from './cpu-per-message';
import { startGrocer, type Target } from './targets';

const trees = [resolve(process.argv[2] ?? '.'), resolve(process.argv[3] ?? '.')] as const;
const rounds = Number(process.argv[4] ?? 3);
const messages = Number(process.argv[5] ?? 3000);
const argsB = process.env.PAIR_NODE_ARGS_B?.split(/\s+/).filter(Boolean) ?? [];

const drive = (t: Target) => cpuPerMessage(t, { customers: 16, messages, maxSeconds: 60, checkReplies: true });

inRounds(rounds, async (round, { twilioApi, workDir, load }) => {
  // Started in turn A first, then B first, so neither always has the head start.
  const order = round % 2 === 1 ? [0, 1] : [1, 0];
  const targets = await Promise.all(order.map((i) => startGrocer({
    name: i === 0 ? 'A' : 'B', twilioApi, workDir,
    args: [...(i === 1 ? argsB : []), '--import', 'tsx', join(trees[i]!, 'src/main.ts')],
  })));
  try {
    const figures = await Promise.all(targets.map(drive));
    const [a, b] = [figures[order.indexOf(0)]!, figures[order.indexOf(1)]!];
    const show = (f: typeof a) => `${f.cpuMs.toFixed(3)} ms (${f.perSecond.toFixed(0)}/s)`;
    console.log(`round ${round} (load ${load}): A ${show(a)}, B ${show(b)}, B/A ${(b.cpuMs / a.cpuMs).toFixed(3)}`);
  } finally {
    await Promise.all(targets.map((t) => t.stop()));
  }
}).catch((err) => { console.error(err); process.exit(1); });
