// The MongoDB-protocol server the benchmark runs against: MONGODB_URI when set, else the project's test
// server, FerretDB from scripts/ferretdb (FERRETDB_BIN, else the build test/global-setup.ts caches), on tmpfs.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { MongoClient } from 'mongodb';
import { buildFerretdb } from '../../test/global-setup';
import { freePort } from './targets';

export interface MongoServer { uri: string; source: string; /** The server's process when the bench started it (for its CPU time). */ pid?: number; stop(): Promise<void> }

async function answers(uri: string): Promise<boolean> {
  const client = new MongoClient(uri, { serverSelectionTimeoutMS: 500 });
  try { await client.connect(); await client.db('admin').command({ ping: 1 }); return true; } catch { return false; } finally { await client.close().catch(() => undefined); }
}

export async function mongoServer(): Promise<MongoServer | undefined> {
  const given = process.env.MONGODB_URI;
  if (given) return { uri: given, source: 'MONGODB_URI', stop: async () => undefined };
  const cached = join(tmpdir(), 'grocer-ferretdb-bin');
  const binary = process.env.FERRETDB_BIN || (existsSync(cached) ? cached : buildFerretdb());
  if (!binary) return undefined;
  const version = readFileSync('scripts/ferretdb/go.mod', 'utf8').match(/FerretDB\/FerretDB v(\S+)/)?.[1] ?? '';
  const port = await freePort();
  const dir = mkdtempSync(join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), 'grocer-bench-ferretdb-'));
  const child = spawn(binary, ['-listen', `127.0.0.1:${port}`, '-dir', dir], { stdio: 'ignore' });
  const uri = `mongodb://127.0.0.1:${port}/`;
  for (let i = 0; i < 100; i += 1) {
    if (await answers(uri)) {
      return {
        uri, pid: child.pid!, source: `FerretDB ${version} (scripts/ferretdb, SQLite in ${dir.startsWith('/dev/shm') ? 'tmpfs' : 'a temp dir'})`,
        async stop() { child.kill('SIGTERM'); await new Promise((r) => child.once('exit', r)); rmSync(dir, { recursive: true, force: true }); },
      };
    }
    await sleep(100);
  }
  child.kill('SIGTERM');
  rmSync(dir, { recursive: true, force: true });
  return undefined;
}
