// The servers under test, each in a process of its own (the load client never shares its event loop):
// the bare endpoint, and Grocer as `src/main.ts` runs in production, on its in-memory store or on MongoDB.
import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { ACCOUNT_SID, AUTH_TOKEN, PUBLIC_URL, SMS_NUMBER } from './client';
import { freePort } from '../free-port';

export const ADMIN_TOKEN = 'bench-admin-token-0123456789';

export { freePort };

export interface Target {
  name: string;
  url: URL;
  pid: number;
  /** Resident set size of the server process, from /proc. */
  rssBytes(): number;
  /** CPU time the server process has used so far (user + system), from /proc. */
  cpuMs(): number;
  stop(): Promise<void>;
}

function get(url: URL, path: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    request({ host: url.hostname, port: url.port, path, headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => { body += c; });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    }).on('error', reject).end();
  });
}

export async function metricsText(target: Target): Promise<string> {
  const r = await get(target.url, '/metrics', { authorization: `Bearer ${ADMIN_TOKEN}` });
  return r.status === 200 ? r.body : '';
}

/** User + system CPU of a process so far, in ms (clock ticks of 10 ms: read it over many messages). */
export function cpuMsOf(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /s, '').split(' ');
  // After "pid (comm) ": state is field 3, utime 14 and stime 15 of proc(5).
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/**
 * CPU time of some processes and their children so far, in ms: PostgreSQL serves each connection from a
 * child of its postmaster, so the database's CPU is the tree's (children that exited count in cutime).
 */
export function treeCpuMs(pids: number[]): number {
  const stat = (pid: string) => { try { return readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /s, '').split(' '); } catch { return undefined; } };
  const roots = new Set(pids.map(String));
  let ticks = 0;
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    const f = stat(pid);
    if (!f) continue;
    // Fields after "pid (comm) ": ppid is field 4, utime 14, stime 15, cutime 16, cstime 17 of proc(5).
    if (roots.has(pid)) ticks += Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14]);
    else if (roots.has(f[1]!)) ticks += Number(f[11]) + Number(f[12]);
  }
  return ticks * 10;
}

export function rssOf(pid: number): number {
  const kib = readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmRSS:\s+(\d+) kB/)?.[1];
  return kib ? Number(kib) * 1024 : Number.NaN;
}

/** The bundled catalog with shelves deep enough that no benchmark run empties one. */
function benchCatalog(dir: string): string {
  const products = JSON.parse(readFileSync('data/catalog.json', 'utf8')) as { stock: number }[];
  const file = join(dir, 'bench-catalog.json');
  writeFileSync(file, JSON.stringify(products.map((p) => ({ ...p, stock: 1_000_000 }))));
  return file;
}

async function launch(name: string, args: string[], env: NodeJS.ProcessEnv, port: number, readyWithinMs = 60_000): Promise<Target> {
  const child: ChildProcess = spawn(process.execPath, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (c: string) => { stderr = (stderr + c).slice(-2000); });
  const url = new URL(`http://127.0.0.1:${port}`);
  const until = Date.now() + readyWithinMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${name} exited at start-up: ${stderr.trim()}`);
    try { if ((await get(url, '/healthz')).status === 200) break; } catch { /* not listening yet */ }
    if (Date.now() > until) { child.kill('SIGKILL'); throw new Error(`${name} did not answer /healthz within ${readyWithinMs / 1000} s`); }
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    name, url, pid: child.pid!,
    rssBytes: () => rssOf(child.pid!),
    cpuMs: () => cpuMsOf(child.pid!),
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      const force = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(force);
    },
  };
}

const baseEnv = (): NodeJS.ProcessEnv => ({ PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: 'production' });

export async function startBare(): Promise<Target> {
  const port = await freePort();
  return launch('bare endpoint', ['--import', 'tsx', 'scripts/bench/bare.ts'], { ...baseEnv(), PORT: String(port) }, port);
}

export interface GrocerOptions {
  name: string;
  mongo?: { uri: string; db: string };
  /** Where Grocer sends outbound SMS (a local fake of Twilio's REST API). */
  twilioApi: string;
  workDir: string;
  /** The command that starts Grocer: `--import tsx src/main.ts` unless given (e.g. a compiled dist/main.js). */
  args?: string[];
}

/** The environment Grocer runs with in every run: SMS on, a fake Twilio REST API, deep shelves. */
export function grocerEnv(o: GrocerOptions, port: number): NodeJS.ProcessEnv {
  return {
    ...baseEnv(), PORT: String(port), HOST: '127.0.0.1', ADMIN_TOKEN,
    TWILIO_ACCOUNT_SID: ACCOUNT_SID, TWILIO_AUTH_TOKEN: AUTH_TOKEN, TWILIO_SMS_NUMBER: SMS_NUMBER,
    TWILIO_API_BASE: o.twilioApi, PUBLIC_URL, CATALOG_FILE: benchCatalog(o.workDir),
    ...(o.mongo ? { MONGODB_URI: o.mongo.uri, MONGODB_DB: o.mongo.db } : {}),
  };
}

export async function startGrocer(o: GrocerOptions): Promise<Target> {
  const port = await freePort();
  return launch(o.name, o.args ?? ['--import', 'tsx', 'src/main.ts'], grocerEnv(o, port), port);
}
