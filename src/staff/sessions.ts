import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Clock } from '../domain/types';
import type { StaffMember, StaffSession } from '../domain/staff';
import type { StaffPort } from '../store/store';
import { decoyHash, verifyPassword } from './passwords';

/** A session ends after this long unused (the console refreshes itself while it is open on the overview)… */
export const SESSION_IDLE_MS = 2 * 60 * 60_000;
/** …and this long after signing in, however busy: a shift, then sign in again. */
export const SESSION_ABSOLUTE_MS = 12 * 60 * 60_000;
/** How often a session in use writes its new expiry (not at every request). */
const EXTEND_EVERY_MS = 60_000;

/** The store keeps the hash of the cookie's secret: a copy of the database opens no session. */
const sessionId = (secret: string) => createHash('sha256').update(secret).digest('base64url');

export type SignIn = { ok: true; secret: string; session: StaffSession; member: StaffMember } | { ok: false };
export interface SignedIn { session: StaffSession; member: StaffMember }

/**
 * Signing in to the console with a login and password, and the sessions that follow: a random secret in the
 * browser's cookie, the session (its hash) in the store, so every web process knows it and signing out or
 * removing the account ends it everywhere at once.
 */
export class StaffSessions {
  constructor(private o: { store: StaffPort; clock: Clock }) {}

  async signIn(login: string, password: string): Promise<SignIn> {
    const member = await this.o.store.getStaff(login);
    const ok = await verifyPassword(password, member?.passwordHash ?? await decoyHash());
    if (!member || !ok) return { ok: false };
    const now = this.o.clock.now();
    const secret = randomBytes(32).toString('base64url');
    const session: StaffSession = {
      id: sessionId(secret), login: member.login, csrfToken: randomBytes(24).toString('base64url'),
      createdAt: now, expiresAt: Math.min(now + SESSION_IDLE_MS, now + SESSION_ABSOLUTE_MS), absoluteAt: now + SESSION_ABSOLUTE_MS,
    };
    await this.o.store.addStaffSession(session);
    return { ok: true, secret, session, member };
  }

  /** The live session of a cookie's secret and its account (read again each time: a removed account is out at once). */
  async current(secret: string, o: { extend?: boolean } = {}): Promise<SignedIn | undefined> {
    if (!/^[\w-]{43}$/.test(secret)) return undefined;
    const now = this.o.clock.now();
    const session = await this.o.store.getStaffSession(sessionId(secret), now);
    if (!session) return undefined;
    const member = await this.o.store.getStaff(session.login);
    if (!member) return undefined;
    const next = Math.min(now + SESSION_IDLE_MS, session.absoluteAt);
    if (o.extend !== false && next - session.expiresAt >= EXTEND_EVERY_MS) {
      await this.o.store.extendStaffSession(session.id, next);
      session.expiresAt = next;
    }
    return { session, member };
  }

  async end(session: StaffSession): Promise<void> {
    await this.o.store.endStaffSession(session.id);
  }
}

/** Whether a request's `X-CSRF-Token` is the session's, compared in constant time. */
export function csrfMatches(session: StaffSession, given: string | undefined): boolean {
  const a = Buffer.from(given ?? '');
  const b = Buffer.from(session.csrfToken);
  return a.length === b.length && timingSafeEqual(a, b);
}
