import { spawn } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import type { InboundMessage } from '../../src/domain/types';
import { startServer, type TestServer, API } from './server';

let s: TestServer;
afterEach(async () => { await s?.close(); });

/** Runs the terminal chat as `npm run chat` would, types the lines, and returns everything it printed. */
function chat(args: string[], lines: string[], env: Record<string, string> = {}): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'channels/cli.ts', ...args], {
      env: { ...process.env, API_TOKEN: '', LOG_LEVEL: 'silent', ...env }, stdio: ['pipe', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d) => { out += d; });
    child.stderr.on('data', (d) => { out += d; });
    child.stdin.end(lines.map((l) => `${l}\n`).join(''));
    child.on('exit', (code) => resolve({ code, out }));
  });
}

describe('terminal chat with --url', () => {
  it('talks to a running server with --token, as the cli channel', async () => {
    s = await startServer();
    const r = await chat(['--url', s.url, '--token', API, '--phone', '+12025550177'], ['hi']);
    expect(r.out).toMatch(/bot> Hi! .*Welcome to Corner Grocer/);
    expect(await s.core.store.getCustomer('+12025550177')).toMatchObject({ channels: { cli: expect.anything() } });
  }, 30_000);

  it('numbers the options by their labels, and a number sends that option’s id', async () => {
    s = await startServer();
    const seen: InboundMessage[] = [];
    const handle = s.core.engine.handle.bind(s.core.engine);
    s.core.engine.handle = async (m, o) => { seen.push(m); return handle(m, o); };
    const r = await chat(['--url', s.url, '--token', API, '--phone', '+12025550177'], ['hi', 'Ana', '1']);
    expect(r.out).toMatch(/\n {5}1\. Pickup\n/);
    expect(seen.at(-1)).toMatchObject({ channel: 'cli', text: 'Pickup', option: 'pickup' });
    expect((await s.core.store.getCustomer('+12025550177'))?.registeredAt).toBeDefined();
  }, 30_000);

  it('takes the token from API_TOKEN too; without one it says what it needs', async () => {
    s = await startServer();
    const withEnv = await chat(['--url', s.url, '--phone', '+12025550177'], ['hi'], { API_TOKEN: API });
    expect(withEnv.out).toMatch(/bot> Hi!/);
    const without = await chat(['--url', s.url], ['hi']);
    expect(without.code).toBe(2);
    expect(without.out).toMatch(/--url needs the server's API token: --token <API_TOKEN>/);
    const wrong = await chat(['--url', s.url, '--token', 'wrong-token-0000000000'], ['hi']);
    expect(wrong.out).toMatch(/\(error: invalid token\)/);
  }, 60_000);
});
