// Finds a real MongoDB-wire-protocol server for the MongoDB suites (scripts/test-server.ts): MONGODB_URI when
// set, else mongodb-memory-server (a real mongod, where it can be downloaded), else mongo-java-server from
// scripts/mongo-test-server, built with Maven. The run says which one it used.
// The tests that kill the database server and start it again (test/store/mongo-kill.test.ts, the outage test
// in test/engine/mongo-process.test.ts) start their own Java server on a data file: its jar is provided too.
// With no server, the MongoDB suites are skipped, and REQUIRE_MONGO=1 (set in .ci/run) turns that into a failure.
import type { TestProject } from 'vitest/node';
import { findTestServer, javaServerJar, type TestServer } from '../scripts/test-server';

declare module 'vitest' {
  export interface ProvidedContext {
    mongoUri: string;
    /** The Java test server's jar ('' without Java or Maven), for the tests that kill the server. */
    mongoServerJar: string;
  }
}

let server: TestServer | undefined;

export default async function setup(project: TestProject) {
  server = await findTestServer();
  const jar = javaServerJar() ?? '';
  const required = process.env.REQUIRE_MONGO === '1';
  if (required && !server) throw new Error('REQUIRE_MONGO=1 but no MongoDB-protocol server could be found or started');
  if (required && !jar) throw new Error('REQUIRE_MONGO=1 but the Java test server (scripts/mongo-test-server) could not be built');
  if (server) console.log(`MongoDB suites run on ${server.description}`);
  else console.warn('No MongoDB-protocol server: the MongoDB suites will be skipped.');
  project.provide('mongoUri', server?.uri ?? '');
  project.provide('mongoServerJar', jar);

  return async () => { await server?.stop(); };
}
