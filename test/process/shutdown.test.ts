import { spawn, type ChildProcess } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { hasRedis, startRedis } from '../jobs/redis-server';
import { hasMongo, MONGO_URI } from '../store/mongo-server';

const children: ChildProcess[] = [];
const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const c of children.splice(0)) if (c.exitCode === null) c.kill('SIGKILL');
  for (const c of cleanups.splice(0)) await c().catch(() => undefined);
});

/** Starts a Grocer process as `npm start` would, and waits for its start-up banner. */
async function launch(script: string, env: Record<string, string>, ready: RegExp) {
  const child = spawn(process.execPath, ['--import', 'tsx', script], { env: { ...process.env, LOG_LEVEL: 'warn', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let out = '';
  child.stdout!.on('data', (d) => { out += d; });
  child.stderr!.on('data', (d) => { out += d; });
  // The exit code, or the signal that ended the process (a finding then names it).
  const exited = new Promise<number | string | null>((r) => child.once('exit', (code, signal) => r(code ?? signal)));
  for (let i = 0; i < 300 && !ready.test(out); i += 1) await new Promise((r) => setTimeout(r, 50));
  if (!ready.test(out)) throw new Error(`${script} did not start:\n${out}`);
  return { child, exited, output: () => out };
}

describe.skipIf(!hasMongo)('graceful shutdown', () => {
  it('SIGTERM: stops taking requests, answers every message in flight, and exits 0 within 10 s', async () => {
    const web = await launch('src/main.ts', { PORT: '0', HOST: '127.0.0.1', API_TOKEN: 'api-token-for-tests-0001', MONGODB_URI: MONGO_URI, MONGODB_DB: `grocer_shutdown_${Date.now()}` }, /Web chat:\s+http:\/\/localhost:(\d+)\//);
    const port = /Web chat:\s+http:\/\/localhost:(\d+)\//.exec(web.output())![1];
    const send = (text: string, i: number) => fetch(`http://127.0.0.1:${port}/api/messages`, {
      method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Bearer api-token-for-tests-0001' }, body: JSON.stringify({ from: '+12025550123', text, messageId: `m${i}` }),
    }).then(async (r) => ({ status: r.status, body: await r.json() as { replies: { text: string }[] } }));
    for (const [i, t] of ['hi', 'Ann', 'pickup'].entries()) await send(t, i);

    const items = ['limes', 'lemons', 'garlic', 'celery', 'kiwi', 'mango', 'coke', 'sprite', 'tuna', 'honey', 'bacon', 'ham'];
    const inFlight = items.map((item, i) => send(`add ${item}`, 10 + i));
    await Promise.race(inFlight);
    // Every request has reached the server (loopback: well within this) and waits its turn behind the first:
    // a request still unread when the signal comes meets a closed connection, which is what stopping means.
    await new Promise((r) => setTimeout(r, 50));
    const signalled = Date.now();
    web.child.kill('SIGTERM');
    const answers = await Promise.all(inFlight);
    expect(answers.map((a) => a.status)).toEqual(items.map(() => 200));
    for (const a of answers) expect(a.body.replies[0]!.text).toMatch(/^Added 1 × /);
    expect(await web.exited).toBe(0);
    expect(Date.now() - signalled).toBeLessThan(10_000);
    await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow();
  });

  it.skipIf(!hasRedis)('the worker stops within 10 s of SIGTERM, and a web process with Redis does too', async () => {
    const redis = await startRedis();
    cleanups.push(() => redis.stop());
    const env = { REDIS_URL: redis.url, MONGODB_URI: MONGO_URI, MONGODB_DB: `grocer_worker_${Date.now()}` };
    const worker = await launch('src/worker.ts', env, /Grocer worker started/);
    const web = await launch('src/main.ts', { ...env, PORT: '0', HOST: '127.0.0.1' }, /BullMQ on Redis/);
    const signalled = Date.now();
    worker.child.kill('SIGTERM');
    web.child.kill('SIGINT');
    expect(await worker.exited).toBe(0);
    expect(await web.exited).toBe(0);
    expect(Date.now() - signalled).toBeLessThan(10_000);
  });
});
