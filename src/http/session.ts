import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Request, Response } from 'express';
import type { Clock } from '../domain/types';

export const SESSION_COOKIE = 'grocer_chat';
export const SESSION_DAYS = 30;
const SESSION_MS = SESSION_DAYS * 24 * 60 * 60_000;

export interface SessionOptions {
  secret: string;
  /** Sent only over https (PUBLIC_URL is https). */
  secure: boolean;
  clock: Clock;
}

function readCookie(req: Request, name: string): string | undefined {
  for (const part of (req.get('cookie') ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

/**
 * The web chat's session: a cookie `<phone>.<expiresAt>.<HMAC-SHA256>` proving this browser verified the
 * phone. Stateless, so every web process sharing SESSION_SECRET accepts it; the expiry is inside the signed
 * value, so an old cookie replayed after its Max-Age is still refused.
 */
export class ChatSessions {
  constructor(private readonly o: SessionOptions) {}

  private sign(payload: string): string {
    return createHmac('sha256', this.o.secret).update(`web-chat-session:${payload}`).digest('base64url');
  }

  issue(res: Response, phone: string): void {
    const payload = `${phone}.${this.o.clock.now() + SESSION_MS}`;
    res.cookie(SESSION_COOKIE, `${payload}.${this.sign(payload)}`, {
      httpOnly: true, sameSite: 'lax', secure: this.o.secure, path: '/', maxAge: SESSION_MS, encode: String,
    });
  }

  clear(res: Response): void {
    res.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: 'lax', secure: this.o.secure, path: '/' });
  }

  /** The verified phone of this request, or undefined (no cookie, forged, or expired). */
  phone(req: Request): string | undefined {
    const value = readCookie(req, SESSION_COOKIE);
    const m = value && /^(\+[1-9]\d{6,14})\.(\d{1,16})\.([\w-]{43})$/.exec(value);
    if (!m) return undefined;
    const [, phone, expires, mac] = m as unknown as [string, string, string, string];
    const expected = Buffer.from(this.sign(`${phone}.${expires}`));
    const given = Buffer.from(mac);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
    return Number(expires) > this.o.clock.now() ? phone : undefined;
  }
}
