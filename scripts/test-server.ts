// The project's MongoDB test server: FerretDB (scripts/ferretdb) on a throwaway PostgreSQL cluster in tmpfs
// when Debian's `postgresql` is installed, else FerretDB on SQLite files in tmpfs. Used by the tests' global
// set-up, the benchmark and scripts/measure-ferretdb.ts; .ci/run does the same in shell.
// Why PostgreSQL: see docs/mongodb.md, "FerretDB on SQLite or on PostgreSQL".
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { MongoClient } from 'mongodb';
import { freePort } from './free-port';

export type Backend = 'postgresql' | 'sqlite';

export interface TestServer {
  uri: string;
  backend: Backend;
  /** e.g. "FerretDB on PostgreSQL 15 (tmpfs)". */
  description: string;
  /** FerretDB's process, and PostgreSQL's postmaster when there is one (for the benchmark's CPU figures). */
  pids: number[];
  stop(): Promise<void>;
}

const scratch = () => (existsSync('/dev/shm') ? '/dev/shm' : tmpdir());

/** The newest installed PostgreSQL's bin directory (Debian keeps them in /usr/lib/postgresql/<major>/bin). */
export function postgresBin(): string | undefined {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const majors = readdirSync(root).filter((v) => existsSync(join(root, v, 'bin', 'initdb'))).sort((a, b) => Number(b) - Number(a));
  return majors[0] && join(root, majors[0], 'bin');
}

/** Runs a PostgreSQL tool, as user `postgres` when we are root (initdb and postgres refuse to run as root). */
function pgTool(bin: string, tool: string, args: string[]): { ok: boolean; out: string } {
  const asRoot = userInfo().uid === 0;
  const r = asRoot
    ? spawnSync('runuser', ['-u', 'postgres', '--', join(bin, tool), ...args], { encoding: 'utf8', timeout: 60_000 })
    : spawnSync(join(bin, tool), args, { encoding: 'utf8', timeout: 60_000 });
  return { ok: r.status === 0, out: `${r.stdout ?? ''}${r.stderr ?? ''}${r.error?.message ?? ''}`.trim() };
}

interface Postgres { url: string; major: string; pid: number; stop(): void }

/**
 * A throwaway PostgreSQL cluster: initdb in tmpfs, trust auth, loopback only, fsync off (the tests need a
 * real server, not a durable one). Undefined when PostgreSQL is not installed or would not start.
 */
export async function startPostgres(): Promise<Postgres | undefined> {
  const bin = postgresBin();
  if (!bin) return undefined;
  const dir = mkdtempSync(join(scratch(), 'grocer-pg-'));
  const cleanup = () => rmSync(dir, { recursive: true, force: true });
  try {
    if (userInfo().uid === 0) {
      const pw = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
      if (pw.status !== 0) { cleanup(); return undefined; }
      chownSync(dir, Number(pw.stdout.trim()), Number(spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).stdout.trim()));
    }
    const init = pgTool(bin, 'initdb', ['-D', dir, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--no-sync']);
    if (!init.ok) { console.warn(`PostgreSQL initdb failed: ${init.out.split('\n').slice(-2).join(' ')}`); cleanup(); return undefined; }
    const port = await freePort();
    const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off`;
    const started = pgTool(bin, 'pg_ctl', ['-D', dir, '-o', options, '-l', join(dir, 'log'), '-w', '-t', '30', 'start']);
    if (!started.ok) { console.warn(`PostgreSQL did not start: ${started.out.split('\n').slice(-2).join(' ')}`); cleanup(); return undefined; }
    const pid = Number(spawnSync('head', ['-1', join(dir, 'postmaster.pid')], { encoding: 'utf8' }).stdout.trim());
    return {
      url: `postgres://postgres@127.0.0.1:${port}/postgres`, major: bin.split('/').at(-2)!, pid,
      stop() { pgTool(bin, 'pg_ctl', ['-D', dir, '-m', 'immediate', 'stop']); cleanup(); },
    };
  } catch (err) {
    console.warn(`PostgreSQL could not be set up: ${(err as Error).message}`);
    cleanup();
    return undefined;
  }
}

async function answers(uri: string, timeoutMs: number): Promise<boolean> {
  const client = new MongoClient(uri, { serverSelectionTimeoutMS: timeoutMs });
  try { await client.connect(); await client.db('admin').command({ ping: 1 }); return true; } catch { return false; } finally { await client.close().catch(() => undefined); }
}

/**
 * FerretDB from `binary` on PostgreSQL when it can be had (`backend` forces one), else on SQLite in tmpfs.
 * Undefined when the server does not answer.
 */
export async function startTestServer(binary: string, backend?: Backend): Promise<TestServer | undefined> {
  const pg = backend === 'sqlite' ? undefined : await startPostgres();
  if (backend === 'postgresql' && !pg) return undefined;
  const dir = pg ? undefined : mkdtempSync(join(scratch(), 'grocer-ferretdb-'));
  const port = await freePort();
  const child: ChildProcess = spawn(binary, ['-listen', `127.0.0.1:${port}`, ...(pg ? ['-postgresql-url', pg.url] : ['-dir', dir!])], { stdio: 'ignore' });
  const uri = `mongodb://127.0.0.1:${port}/`;
  const stop = async () => {
    if (child.exitCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
    pg?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  };
  for (let i = 0; i < 100; i += 1) {
    if (child.exitCode !== null) break;
    if (await answers(uri, 500)) {
      return {
        uri, backend: pg ? 'postgresql' : 'sqlite', stop,
        description: pg ? `FerretDB on PostgreSQL ${pg.major} (tmpfs)` : `FerretDB on SQLite (${dir!.startsWith('/dev/shm') ? 'tmpfs' : 'a temp dir'})`,
        pids: [child.pid!, ...(pg ? [pg.pid] : [])],
      };
    }
    await sleep(100);
  }
  await stop();
  return undefined;
}
