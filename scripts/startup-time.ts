// Start-up to the first answer: spawns a command that starts Grocer's web process (in-memory store, a free
// loopback port) and times from the spawn until POST /api/messages answers a customer's "hi".
//   npx tsx scripts/startup-time.ts                 # `npm start` and `node dist/main.js`, built first
//   npx tsx scripts/startup-time.ts node dist/main.js
// npm run bench imports measureStartup().
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { freePort } from './free-port';

const root = fileURLToPath(new URL('..', import.meta.url));

export interface StartupOptions {
  /** Extra environment for the process (e.g. MONGODB_URI); PORT, HOST and API_TOKEN are set here. */
  env?: Record<string, string>;
  /** Working directory of the command; the project's root by default. */
  cwd?: string;
  /** Give up after this long (the process may have failed to start). */
  giveUpMs?: number;
}


/**
 * CPU time (user + system, ms) spent so far by a process group, its finished children included; Linux only.
 * On a busy machine wall time mostly measures the neighbours; CPU time is what start-up itself costs.
 */
function groupCpuMs(group: number): number | undefined {
  try {
    let ticks = 0;
    for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
      let stat: string;
      try { stat = readFileSync(`/proc/${pid}/stat`, 'utf8'); } catch { continue; }
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' '); // fields from the 3rd (state) on
      if (Number(fields[2]) !== group) continue; // pgrp
      ticks += Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14]); // utime stime cutime cstime
    }
    return (ticks * 1000) / 100; // USER_HZ is 100 on Linux
  } catch {
    return undefined;
  }
}

/**
 * Milliseconds from spawning `command` (argv, or a shell line) until POST /api/messages answers 200.
 * The process and its children (npm starts node) are stopped before this resolves.
 */
export async function measureStartup(command: string[] | string, options: StartupOptions = {}): Promise<number> {
  return (await measureStartupDetailed(command, options)).wallMs;
}

/** measureStartup, with the CPU time the command's processes spent until the answer (Linux). */
export async function measureStartupDetailed(command: string[] | string, options: StartupOptions = {}): Promise<{ wallMs: number; cpuMs?: number }> {
  const port = await freePort();
  const token = randomBytes(18).toString('base64url');
  const [file, ...args] = typeof command === 'string' ? ['sh', '-c', command] : command;
  if (!file) throw new Error('measureStartup needs a command');
  const started = performance.now();
  const child = spawn(file, args, {
    cwd: options.cwd ?? root,
    env: { ...process.env, LOG_LEVEL: 'warn', ...options.env, PORT: String(port), HOST: '127.0.0.1', API_TOKEN: token },
    stdio: ['ignore', 'ignore', 'pipe'],
    detached: true, // its own process group, so npm's node child stops with it
  });
  let errors = '';
  child.stderr!.on('data', (d) => { errors = (errors + d).slice(-2000); });
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const giveUp = started + (options.giveUpMs ?? 30_000);
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`the process exited (${child.exitCode}) before answering: ${errors}`);
      if (performance.now() > giveUp) throw new Error(`no answer within ${options.giveUpMs ?? 30_000} ms: ${errors}`);
      const answered = await fetch(`http://127.0.0.1:${port}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ from: '+12025550123', text: 'hi', messageId: 'startup-1' }),
      }).then((r) => r.ok, () => false);
      if (answered) {
        const wallMs = performance.now() - started;
        const cpuMs = groupCpuMs(child.pid!);
        return cpuMs === undefined ? { wallMs } : { wallMs, cpuMs };
      }
      await sleep(5);
    }
  } finally {
    try { process.kill(-child.pid!, 'SIGTERM'); } catch { /* already gone */ }
    await Promise.race([exited, sleep(5000)]);
    try { process.kill(-child.pid!, 'SIGKILL'); } catch { /* already gone */ }
  }
}

async function cli(): Promise<void> {
  const given = process.argv.slice(2);
  const commands = given.length ? [given] : [['npm', 'start'], ['node', 'dist/main.js']];
  if (!given.length) {
    const { build } = await import('./build.mjs');
    await build();
  }
  const runs = Number(process.env.STARTUP_RUNS ?? 3);
  for (const command of commands) {
    const results = [];
    for (let i = 0; i < runs; i += 1) results.push(await measureStartupDetailed(command));
    const best = results.reduce((a, b) => (b.wallMs < a.wallMs ? b : a));
    const cpu = best.cpuMs === undefined ? '' : ` (CPU ${Math.round(best.cpuMs)} ms)`;
    console.log(`start-up to the first answer, ${command.join(' ')}: best of ${runs} ${Math.round(best.wallMs)} ms${cpu}; all: ${results.map((r) => Math.round(r.wallMs)).join(', ')} ms`);
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  cli().catch((err) => { console.error((err as Error).message); process.exit(1); });
}
