import { spawn } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { MongoStore } from '../../src/store/mongo/mongo';
import { ADMIN, startServer, type TestServer } from '../http/server';
import { hasMongo, MONGO_URI } from '../store/mongo-server';

// `npm run staff`: adds, lists and removes console accounts, on MongoDB directly and, for the in-memory store,
// through the running web process's admin API; the password comes from stdin.

/** Runs scripts/staff.ts with `args`, `stdin` piped in and only the given environment beside PATH. */
function run(args: string[], stdin: string, env: Record<string, string>): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/staff.ts', ...args], {
      env: { PATH: process.env.PATH ?? '', NODE_ENV: 'test', ...env }, stdio: ['pipe', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => { out += String(d); });
    child.stderr.on('data', (d) => { err += String(d); });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, out, err }));
    child.stdin.end(stdin);
  });
}

let s: TestServer | undefined;
let store: MongoStore | undefined;
afterEach(async () => { await s?.close(); s = undefined; await store?.close(); store = undefined; });

const signIn = async (login: string, password: string) => (await fetch(`${s!.url}/admin/login`, {
  method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login, password }),
})).status;

describe('npm run staff', () => {
  it.skipIf(!hasMongo)('on MongoDB: adds the owner (password from stdin), who then signs in; refuses a taken login and the last owner\'s removal', async () => {
    const env = { MONGODB_URI: MONGO_URI, MONGODB_DB: `grocer_staff_script_${process.pid}_${Date.now() % 100000}` };
    const added = await run(['add', '--name', 'Olga Owner', '--login', 'Olga', '--role', 'owner'], 'owner-password-1\n', env);
    expect(added.err).toBe('');
    expect(added).toMatchObject({ code: 0, out: 'Olga Owner can sign in to the console now as "olga" (owner).\n' });
    expect((await run(['add', '--name', 'Other', '--login', 'olga', '--role', 'staff'], 'other-password-1\n', env))).toMatchObject({ code: 1, err: 'There is already an account with the login "olga".\n' });
    expect((await run(['list'], '', env)).out).toMatch(/^olga\towner\tOlga Owner\tsince \d{4}-/);
    expect((await run(['remove', '--login', 'olga'], '', env))).toMatchObject({ code: 1, err: expect.stringContaining('Olga Owner is the only owner') });

    store = await MongoStore.connect(MONGO_URI, env.MONGODB_DB);
    expect((await store.getStaff('olga'))?.passwordHash).toMatch(/^scrypt\$/);
    s = await startServer({}, {}, store);
    expect(await signIn('olga', 'owner-password-1')).toBe(200);
  });

  it('on the in-memory store: goes through the running process\'s admin API with ADMIN_TOKEN', async () => {
    s = await startServer();
    const env = { ADMIN_TOKEN: ADMIN };
    const added = await run(['add', '--name', 'Maria Lopez', '--login', 'maria', '--url', s.url], 'maria-password-1', env);
    expect(added).toMatchObject({ code: 0, out: 'Maria Lopez can sign in to the console now as "maria" (staff).\n' });
    expect(await signIn('maria', 'maria-password-1')).toBe(200);
    expect((await run(['remove', '--login', 'maria', '--url', s.url], '', env))).toMatchObject({ code: 0, out: 'Removed "maria": their sessions have ended.\n' });
    expect(await signIn('maria', 'maria-password-1')).toBe(401);
    expect((await run(['list', '--url', s.url], '', {})).err).toMatch(/set ADMIN_TOKEN/);
  });

  it('says what is wrong, in words, and changes nothing', async () => {
    const bad = await run(['add', '--name', 'M', '--login', 'a b', '--role', 'boss'], 'short', { ADMIN_TOKEN: ADMIN });
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('login: Use 2 to 40 letters');
    expect(bad.err).toContain('password: Password must be at least 10 characters');
    expect(bad.err).toContain('role: Role must be "owner" or "staff"');
    expect((await run(['promote'], '', {})).code).toBe(2);
  });
});
