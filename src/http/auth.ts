import { timingSafeEqual } from 'node:crypto';
import type { Request, RequestHandler, Response } from 'express';
import type { StaffSession } from '../domain/staff';
import { csrfMatches, type StaffSessions } from '../staff/sessions';
import { setActor } from './actor';

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Requires `Authorization: Bearer <token>`. With no token configured nothing gets through: a route behind
 * a token is never open by accident.
 */
export function bearer(token: string | undefined, realm: string): RequestHandler {
  return (req, res, next) => {
    const header = req.get('authorization') ?? '';
    const m = /^Bearer\s+(.+)$/i.exec(header);
    if (token && m && same(m[1]!.trim(), token)) return next();
    res.status(401).set('WWW-Authenticate', `Bearer realm="${realm}"`).json({ error: header ? 'invalid token' : 'missing Authorization: Bearer <token> header' });
  };
}

/** The console's sign-in cookie (its value is the session's secret; the store keeps only its hash). */
export const STAFF_COOKIE = 'grocer_staff';
/** The header a write made with the cookie must carry: the session's `csrfToken` (GET /admin/session). */
export const CSRF_HEADER = 'X-CSRF-Token';
const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** How often a console's open event stream checks that its session still stands (tests shorten it). */
export const STREAM_CHECK_MS = 60_000;

export function readCookie(req: Request, name: string): string | undefined {
  for (const part of (req.get('cookie') ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

export const staffCookieOptions = (req: Request) => ({ httpOnly: true, sameSite: 'strict' as const, secure: req.secure, path: '/admin' });

/**
 * Who may use the admin API: `Authorization: Bearer <ADMIN_TOKEN>` (the actor `{kind:'admin'}`), or a
 * signed-in person's session cookie (the actor names them and their role). With the cookie every write must
 * carry the session's token in X-CSRF-Token: another site can make a browser send the cookie, never the
 * header. An event stream opened with the cookie ends when its session does (signed out, expired, removed).
 */
export function consoleAuth(o: { adminToken: string | undefined; sessions: StaffSessions; streamCheckMs?: number }): RequestHandler {
  const token = bearer(o.adminToken, 'admin');
  return async (req, res, next) => {
    if (req.get('authorization')) return token(req, res, next);
    const secret = readCookie(req, STAFF_COOKIE);
    const signed = secret ? await o.sessions.current(secret) : undefined;
    if (!secret || !signed) {
      if (secret) res.clearCookie(STAFF_COOKIE, staffCookieOptions(req));
      res.status(401).set('WWW-Authenticate', 'Bearer realm="admin"').json({
        error: secret
          ? 'your session has ended (signed out, expired, or the account was removed); sign in again'
          : 'sign in to the console, or send an Authorization: Bearer <token> header',
      });
      return;
    }
    if (WRITES.has(req.method) && !csrfMatches(signed.session, req.get(CSRF_HEADER))) {
      res.status(403).json({ error: `missing or wrong ${CSRF_HEADER} header: a change made while signed in must carry the session's token (GET /admin/session gives it)` });
      return;
    }
    const { login, name, role } = signed.member;
    setActor(res, { kind: 'staff', login, name, role });
    res.locals.staffSession = signed.session;
    if (/text\/event-stream/.test(req.get('accept') ?? '')) watchStream(res, () => o.sessions.current(secret, { extend: false }), o.streamCheckMs ?? STREAM_CHECK_MS);
    next();
  };
}

function watchStream(res: Response, check: () => Promise<unknown>, everyMs: number): void {
  const timer = setInterval(() => {
    // A store that does not answer just now ends nothing; a session that is gone ends the stream.
    check().then((still) => { if (!still) res.end(); }, () => undefined);
  }, everyMs);
  timer.unref();
  res.on('close', () => clearInterval(timer));
}

/** The session of a request the cookie signed in (set by consoleAuth), if any. */
export const sessionOf = (res: Response): StaffSession | undefined => res.locals.staffSession as StaffSession | undefined;
