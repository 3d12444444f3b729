// The project's MongoDB test servers, found in this order by findTestServer() (the tests' global set-up and
// the benchmark):
//   1. MONGODB_URI when set (a local mongod, a replica set, Atlas);
//   2. mongodb-memory-server: a real mongod, downloaded once where the internet can be reached (it gives up
//      at once where it cannot: MONGOMS_MAX_RETRIES defaults to 0 here);
//   3. mongo-java-server (scripts/mongo-test-server: Maven Central's de.bwaldvogel:mongo-java-server behind a
//      ten-line main, built with Maven into one jar on first use), in memory. Its updates are atomic on their
//      document, as MongoDB's are: 60 guarded `$inc`s racing for 10 units give exactly 10 winners.
// The fault-injection tests start the Java server on a data file (startJavaServer with `file`), kill it and
// start it again on the same file.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { MongoClient } from 'mongodb';

export interface TestServer {
  uri: string;
  /** e.g. "mongo-java-server 1.47.0 (in memory)"; said once by the test run. */
  description: string;
  /** The server's processes when we started them (for the benchmark's CPU figures). */
  pids: number[];
  stop(): Promise<void>;
}

export interface JavaServer extends TestServer {
  port: number;
  /** SIGKILL, as a crash would: with a data file, everything acknowledged is on it. */
  kill(): Promise<void>;
}

const PROJECT = join(dirname(fileURLToPath(import.meta.url)), 'mongo-test-server');
const JAR = join(PROJECT, 'target', 'grocer-mongo-test-server.jar');
const SOURCES = [join(PROJECT, 'pom.xml'), join(PROJECT, 'src/main/java/grocer/TestServer.java')];

/** mongo-java-server's version, as the pom pins it. */
export const javaServerVersion = (): string =>
  readFileSync(SOURCES[0]!, 'utf8').match(/<mongo-java-server\.version>([^<]+)</)?.[1] ?? '';

/**
 * The Java test server's jar, built with Maven when it is missing or older than its sources. Undefined (with
 * the reason on stderr) when Java or Maven is missing or the build fails.
 */
export function javaServerJar(): string | undefined {
  if (spawnSync('java', ['-version'], { stdio: 'ignore' }).status !== 0) {
    console.warn('mongo-java-server: no `java` on PATH (Java 17 or later is needed)');
    return undefined;
  }
  const built = existsSync(JAR) ? statSync(JAR).mtimeMs : 0;
  if (SOURCES.every((f) => statSync(f).mtimeMs <= built)) return JAR;
  const mvn = spawnSync('mvn', ['-q', '-B', 'package'], { cwd: PROJECT, encoding: 'utf8', timeout: 10 * 60_000 });
  if (mvn.status !== 0 || !existsSync(JAR)) {
    const why = mvn.error?.message ?? `${mvn.stdout}${mvn.stderr}`.trim().split('\n').slice(-3).join(' ');
    console.warn(`mongo-java-server could not be built with Maven: ${why}`);
    return undefined;
  }
  return JAR;
}

/**
 * mongo-java-server from `jar` on 127.0.0.1: on `port` (else a free one), in memory, or on `file` (H2's
 * MVStore, each command written before it is answered). Resolves once it listens.
 */
export async function startJavaServer(jar: string, options: { port?: number; file?: string } = {}): Promise<JavaServer> {
  // On a data file the server is killed and started again, many times: C1 alone brings it up and warm in
  // about a third of the time (measured: 0.8 s to the first answer and 0.5 s for an errand, against 3 s each).
  const quick = options.file ? ['-XX:TieredStopAtLevel=1'] : [];
  const args = ['-XX:+UseSerialGC', ...quick, '-jar', jar, String(options.port ?? 0), ...(options.file ? [options.file] : [])];
  // Its stdin is a pipe from this process: the server stops when this process ends, even by SIGKILL.
  const child = spawn('java', args, { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (b: Buffer) => { stderr = (stderr + b.toString()).slice(-2000); });
  const lines = createInterface({ input: child.stdout! });
  const port = await new Promise<number>((resolve, reject) => {
    lines.on('line', (line) => { const m = /^listening on (\d+)$/.exec(line); if (m) resolve(Number(m[1])); });
    child.once('exit', (code, signal) => reject(new Error(`mongo-java-server exited (${signal ?? code}) before listening: ${stderr.trim().split('\n').slice(-3).join(' ')}`)));
    child.once('error', reject);
  });
  const ended = (signal: NodeJS.Signals) => async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill(signal);
    await exited;
  };
  return {
    uri: `mongodb://127.0.0.1:${port}/`, port, pids: [child.pid!],
    description: `mongo-java-server ${javaServerVersion()} (${options.file ? 'on a data file' : 'in memory'})`,
    stop: ended('SIGTERM'), kill: ended('SIGKILL'),
  };
}

/** Whether a MongoDB-protocol server answers a ping at `uri` within `timeoutMs`. */
export async function answers(uri: string, timeoutMs: number): Promise<boolean> {
  const client = new MongoClient(uri, { serverSelectionTimeoutMS: timeoutMs });
  try { await client.connect(); await client.db('admin').command({ ping: 1 }); return true; } catch { return false; } finally { await client.close().catch(() => undefined); }
}

async function memoryServer(): Promise<TestServer | undefined> {
  process.env.MONGOMS_MAX_RETRIES ??= '0';
  try {
    const { MongoBinary, MongoMemoryServer } = await import('mongodb-memory-server');
    await MongoBinary.getPath(); // downloads mongod once (quietly, unlike create(), when it cannot)
    const server = await MongoMemoryServer.create();
    const pid = server.instanceInfo?.instance.mongodProcess?.pid;
    return { uri: server.getUri(), description: 'mongodb-memory-server (mongod)', pids: pid ? [pid] : [], stop: async () => { await server.stop(); } };
  } catch (err) {
    console.warn(`mongodb-memory-server could not start: ${(err as Error).message.replace(/\s+/g, ' ').slice(0, 200)}`);
    return undefined;
  }
}

/** The first test server of the three (see the top of this file); undefined when none can be had. */
export async function findTestServer(): Promise<TestServer | undefined> {
  const given = process.env.MONGODB_URI;
  if (given) {
    if (!(await answers(given, 5000))) throw new Error(`MONGODB_URI is set but the server does not answer: ${given.replace(/\/\/[^@]*@/, '//***@')}`);
    return { uri: given, description: 'MONGODB_URI', pids: [], stop: async () => undefined };
  }
  const memory = await memoryServer();
  if (memory) return memory;
  const jar = javaServerJar();
  return jar ? startJavaServer(jar) : undefined;
}
