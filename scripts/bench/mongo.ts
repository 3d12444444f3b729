// The MongoDB-protocol server the benchmark runs against: MONGODB_URI when set, else the project's test
// server (scripts/test-server.ts: FerretDB from scripts/ferretdb on PostgreSQL in tmpfs, or on SQLite when
// PostgreSQL is not installed; FERRETDB_BIN, else the build test/global-setup.ts caches). BENCH_BACKEND=sqlite
// or postgresql picks the backend.
import { existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildFerretdb } from '../../test/global-setup';
import { startTestServer, type Backend } from '../test-server';

export interface MongoServer {
  uri: string; source: string;
  /** The server's processes when the bench started them (for their CPU time). */
  pids?: number[];
  stop(): Promise<void>;
}

export async function mongoServer(): Promise<MongoServer | undefined> {
  const given = process.env.MONGODB_URI;
  if (given) return { uri: given, source: 'MONGODB_URI', stop: async () => undefined };
  const cached = join(tmpdir(), 'grocer-ferretdb-bin');
  const binary = process.env.FERRETDB_BIN || (existsSync(cached) ? cached : buildFerretdb());
  if (!binary) return undefined;
  const version = readFileSync('scripts/ferretdb/go.mod', 'utf8').match(/FerretDB\/FerretDB v(\S+)/)?.[1] ?? '';
  const server = await startTestServer(binary, process.env.BENCH_BACKEND as Backend | undefined || undefined);
  if (!server) return undefined;
  return { uri: server.uri, pids: server.pids, source: server.description.replace('FerretDB', `FerretDB ${version}`), stop: () => server.stop() };
}
