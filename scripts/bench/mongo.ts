// The MongoDB-protocol server the benchmark runs against: the tests' own (scripts/test-server.ts):
// MONGODB_URI when set, else mongodb-memory-server where mongod can be downloaded, else mongo-java-server.
import { findTestServer } from '../test-server';

export interface MongoServer {
  uri: string; source: string;
  /** The server's processes when the bench started them (for their CPU time). */
  pids?: number[];
  stop(): Promise<void>;
}

export async function mongoServer(): Promise<MongoServer | undefined> {
  const server = await findTestServer();
  return server && { uri: server.uri, source: server.description, pids: server.pids, stop: () => server.stop() };
}
