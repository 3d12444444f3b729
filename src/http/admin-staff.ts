import { Router, type Response } from 'express';
import type { Clock } from '../domain/types';
import type { StaffMember, StaffSession } from '../domain/staff';
import { newMember, refuseRemoval } from '../staff/accounts';
import { SESSION_ABSOLUTE_MS, type StaffSessions } from '../staff/sessions';
import type { StaffPort } from '../store/store';
import { actorOf, ownerOnly } from './actor';
import { sessionOf, STAFF_COOKIE, staffCookieOptions } from './auth';
import { newStaffBody, setupBody, signInBody, staffParams } from './admin-staff-schemas';
import { parseOr400 } from './errors';
import { budget, clientIp, consume, tooMany } from './rate-limit';
import type { SignInLimiters } from './sign-in-limits';

export interface StaffRouteDeps {
  store: StaffPort;
  clock: Clock;
}

const iso = (t: number) => new Date(t).toISOString();
const memberJson = (m: StaffMember) => ({ login: m.login, name: m.name, role: m.role, createdAt: iso(m.createdAt) });
const sessionJson = (m: StaffMember, s: StaffSession) => ({ kind: 'staff' as const, login: m.login, name: m.name, role: m.role, csrfToken: s.csrfToken, expiresAt: iso(s.expiresAt) });
const taken = (login: string) => `there is already an account with the login "${login}"; choose another`;

/** POST /admin/login: before the admin API's sign-in check, as it is how one signs in. */
export function signInRoutes(o: { sessions: StaffSessions; limits: SignInLimiters }): Router {
  const router = Router();
  router.post('/admin/login', async (req, res) => {
    const body = parseOr400(signInBody, req.body, res, 'sign-in');
    if (!body) return;
    const ip = clientIp(req);
    const byIp = await consume(o.limits.perIp, ip);
    if (!byIp.ok) { tooMany(res, byIp.retryAfterSeconds, `Too many failed sign-ins from this network address (${budget(o.limits.perIp)}).`); return; }
    const byLogin = await consume(o.limits.perLogin, body.login);
    if (!byLogin.ok) { tooMany(res, byLogin.retryAfterSeconds, `Too many failed sign-ins for this login (${budget(o.limits.perLogin)}).`); return; }
    const r = await o.sessions.signIn(body.login, body.password);
    if (!r.ok) { res.status(401).json({ error: 'wrong login or password' }); return; }
    // Only failures count: a sign-in that worked gives its points back.
    await Promise.all([o.limits.perIp.reward(ip, 1), o.limits.perLogin.delete(body.login)]);
    res.cookie(STAFF_COOKIE, r.secret, { ...staffCookieOptions(req), maxAge: SESSION_ABSOLUTE_MS });
    res.json(sessionJson(r.member, r.session));
  });
  return router;
}

/** Who is signed in, signing out, and the owner's staff accounts; mounted behind the admin API's sign-in check. */
export function staffRoutes(deps: StaffRouteDeps, sessions: StaffSessions): Router {
  const { store, clock } = deps;
  const router = Router();

  router.get('/admin/session', async (_req, res) => {
    const session = sessionOf(res);
    const actor = actorOf(res);
    const member = session && actor.kind === 'staff' ? await store.getStaff(actor.login) : undefined;
    if (session && member) { res.json(sessionJson(member, session)); return; }
    res.json({ kind: 'admin', name: 'Admin token', role: 'owner' });
  });

  router.post('/admin/logout', async (req, res) => {
    const session = sessionOf(res);
    if (session) await sessions.end(session);
    res.clearCookie(STAFF_COOKIE, staffCookieOptions(req));
    res.status(204).end();
  });

  router.get('/admin/staff', ownerOnly, async (_req, res) => {
    res.json({ staff: (await store.listStaff()).map(memberJson) });
  });

  router.post('/admin/staff', ownerOnly, async (req, res) => {
    const body = parseOr400(newStaffBody, req.body, res, 'staff member');
    if (!body) return;
    await add(res, await newMember(body, clock.now()));
  });

  router.delete('/admin/staff/:login', ownerOnly, async (req, res) => {
    const params = parseOr400(staffParams, req.params, res, 'path');
    if (!params) return;
    const member = await store.getStaff(params.login);
    if (!member) { res.status(404).json({ error: `no account with the login "${params.login}"` }); return; }
    const refused = await refuseRemoval(store, member);
    if (refused) { res.status(409).json({ error: refused }); return; }
    await store.removeStaff(member.login);
    res.json({ removed: member.login });
  });

  // The first owner: whoever holds the admin token may create one, once.
  router.post('/admin/setup', async (req, res) => {
    if (actorOf(res).kind !== 'admin') { res.status(403).json({ error: 'the first owner is set up with the admin token; you are signed in already' }); return; }
    const body = parseOr400(setupBody, req.body, res, 'owner');
    if (!body) return;
    if ((await store.listStaff()).some((m) => m.role === 'owner')) {
      res.status(409).json({ error: 'the store has an owner already: sign in, or ask the owner to add you' });
      return;
    }
    await add(res, await newMember({ ...body, role: 'owner' }, clock.now()));
  });

  async function add(res: Response, member: StaffMember) {
    if (!(await store.addStaff(member))) { res.status(409).json({ error: taken(member.login) }); return; }
    res.status(201).json(memberJson(member));
  }

  return router;
}
