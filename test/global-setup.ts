// Finds a real MongoDB-wire-protocol server for the MongoDB suites, in this order:
//   1. MONGODB_URI (a local mongod, a replica set, Atlas, or the FerretDB that .ci/run starts);
//   2. FerretDB from scripts/ferretdb, built with the machine's Go (no mongod can be had on our machines), on a
//      throwaway PostgreSQL cluster when Debian's postgresql is installed, else on SQLite
//      (scripts/test-server.ts; FERRETDB_BACKEND=sqlite or postgresql picks one);
//   3. mongodb-memory-server (it downloads mongod where the internet is reachable).
// With none, the MongoDB suites are skipped, and REQUIRE_MONGO=1 (set in .ci/run) turns that into a failure.
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MongoClient } from 'mongodb';
import type { TestProject } from 'vitest/node';
import { startTestServer, type Backend, type TestServer } from '../scripts/test-server';

declare module 'vitest' {
  export interface ProvidedContext {
    mongoUri: string;
    mongoSource: string;
    ferretdbBinary: string;
  }
}


async function reachable(uri: string, timeoutMs: number): Promise<boolean> {
  const client = new MongoClient(uri, { serverSelectionTimeoutMS: timeoutMs });
  try {
    await client.connect();
    await client.db('admin').command({ ping: 1 });
    return true;
  } catch {
    return false;
  } finally {
    await client.close().catch(() => undefined);
  }
}

export function buildFerretdb(): string | undefined {
  const out = join(tmpdir(), 'grocer-ferretdb-bin');
  const go = spawnSync('go', ['build', '-o', out, '.'], { cwd: 'scripts/ferretdb', stdio: 'pipe', timeout: 15 * 60_000 });
  if (go.status !== 0) {
    console.warn(`FerretDB could not be built: ${go.error?.message ?? go.stderr?.toString().trim().split('\n').slice(-3).join(' ')}`);
    return undefined;
  }
  return out;
}

let server: TestServer | undefined;
let memory: { stop(): Promise<unknown> } | undefined;

export default async function setup(project: TestProject) {
  let uri = process.env.MONGODB_URI ?? '';
  let source = uri ? 'MONGODB_URI' : '';
  let binary = process.env.FERRETDB_BIN ?? '';
  if (uri && !(await reachable(uri, 5000))) throw new Error(`MONGODB_URI is set but the server does not answer: ${uri.replace(/\/\/[^@]*@/, '//***@')}`);

  if (!uri) {
    binary ||= buildFerretdb() ?? '';
    if (binary) {
      server = await startTestServer(binary, (process.env.FERRETDB_BACKEND || undefined) as Backend | undefined);
      if (server) { uri = server.uri; source = `${server.description}, scripts/ferretdb`; }
    }
  }
  if (!uri) {
    try {
      const { MongoMemoryServer } = await import('mongodb-memory-server');
      const server = await MongoMemoryServer.create();
      memory = server;
      uri = server.getUri();
      source = 'mongodb-memory-server';
    } catch (err) {
      console.warn(`mongodb-memory-server could not start: ${(err as Error).message.split('\n')[0]}`);
    }
  }
  if (!uri && process.env.REQUIRE_MONGO === '1') throw new Error('REQUIRE_MONGO=1 but no MongoDB-protocol server could be found or started');
  if (!uri) console.warn('No MongoDB-protocol server: the MongoDB suites will be skipped.');
  else console.log(`MongoDB suites run on ${source}`);
  project.provide('mongoUri', uri);
  project.provide('mongoSource', source);
  project.provide('ferretdbBinary', binary);

  return async () => {
    await server?.stop();
    await memory?.stop();
  };
}
