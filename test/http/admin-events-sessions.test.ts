import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import express from 'express';
import { afterEach, describe, expect, it } from 'vitest';
import { ConsoleEvents } from '../../src/events/console-events';
import { adminEventsRoutes } from '../../src/http/admin-events';
import { consoleAuth, STAFF_COOKIE } from '../../src/http/auth';
import { newMember } from '../../src/staff/accounts';
import { StaffSessions } from '../../src/staff/sessions';
import { MemoryStore } from '../../src/store/memory';
import { ManualClock } from '../helpers';

// Live event streams are capped per signed-in session: people signed in with the cookie (no Authorization
// header) each have their own cap, so one person's open tabs never lock another out of the console.

const ADMIN = 'admin-token-for-tests-0001';
let close: (() => Promise<void>) | undefined;
afterEach(async () => { await close?.(); close = undefined; });

/** The console's sign-in check in front of the events route, with small caps; Olga and Maria have accounts. */
async function start(caps: { perToken: number; total: number }) {
  const store = new MemoryStore();
  const clock = new ManualClock();
  await store.addStaff(await newMember({ login: 'olga', name: 'Olga Owner', role: 'owner', password: 'owner-password-1' }, clock.now()));
  await store.addStaff(await newMember({ login: 'maria', name: 'Maria Lopez', role: 'staff', password: 'maria-password-1' }, clock.now()));
  const sessions = new StaffSessions({ store, clock });
  const app = express().use('/admin', consoleAuth({ adminToken: ADMIN, sessions })).use(adminEventsRoutes(new ConsoleEvents(), { caps }));
  const server: Server = await new Promise((resolve) => { const s = app.listen(0, '127.0.0.1', () => resolve(s)); });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const controllers: AbortController[] = [];
  close = async () => {
    for (const c of controllers) c.abort();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  };
  /** A browser signed in as this person: opens streams with its cookie, as the console does. */
  const signIn = async (login: string, password: string) => {
    const r = await sessions.signIn(login, password);
    if (!r.ok) throw new Error(`${login} could not sign in`);
    const cookie = `${STAFF_COOKIE}=${r.secret}`;
    return async () => {
      const controller = new AbortController();
      controllers.push(controller);
      const res = await fetch(`${url}/admin/events`, { headers: { cookie, accept: 'text/event-stream' }, signal: controller.signal });
      return { status: res.status, body: res.status === 200 ? undefined : await res.json() as { cap: string; error: string } };
    };
  };
  return { signIn };
}

describe('GET /admin/events caps streams per signed-in session', () => {
  it('two people signed in each get their own cap: one person\'s open streams do not refuse the other', async () => {
    const { signIn } = await start({ perToken: 2, total: 10 });
    const maria = await signIn('maria', 'maria-password-1');
    const olga = await signIn('olga', 'owner-password-1');

    expect([(await maria()).status, (await maria()).status]).toEqual([200, 200]);
    const over = await maria();
    expect(over.status).toBe(429);
    expect(over.body?.cap).toBe('per_token');

    // Maria's two tabs take nothing from Olga: she opens her own two, then meets her own cap.
    expect([(await olga()).status, (await olga()).status]).toEqual([200, 200]);
    expect(await olga()).toMatchObject({ status: 429, body: { cap: 'per_token' } });
  });
});
