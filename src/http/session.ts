import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Request, Response } from 'express';
import type { ChannelState, Clock } from '../domain/types';
import type { OutboundPort } from '../store/store';

export const SESSION_COOKIE = 'grocer_chat';
export const SESSION_DAYS = 30;
const SESSION_MS = SESSION_DAYS * 24 * 60 * 60_000;

export interface SessionOptions {
  secret: string;
  /** Sent only over https (PUBLIC_URL is https). */
  secure: boolean;
  clock: Clock;
  /** Where a sign-out is kept (the phone's web ChannelState), so it ends the session in every process. */
  store: Pick<OutboundPort, 'getChannelState' | 'putChannelState'>;
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
 * phone. Every web process sharing SESSION_SECRET accepts it; the expiry is inside the signed value, so an
 * old cookie replayed after its Max-Age is still refused. Signing out records the instant in the store:
 * sessions of that phone issued before it (in any browser, a copied cookie too) are refused from then on.
 */
export class ChatSessions {
  constructor(private readonly o: SessionOptions) {}

  private sign(payload: string): string {
    return createHmac('sha256', this.o.secret).update(`web-chat-session:${payload}`).digest('base64url');
  }

  async issue(res: Response, phone: string): Promise<void> {
    // Issued after any sign-out, even one in the same millisecond.
    const signedOutAt = (await this.o.store.getChannelState(phone, 'web'))?.signedOutAt ?? -Infinity;
    const payload = `${phone}.${Math.max(this.o.clock.now(), signedOutAt + 1) + SESSION_MS}`;
    res.cookie(SESSION_COOKIE, `${payload}.${this.sign(payload)}`, {
      httpOnly: true, sameSite: 'lax', secure: this.o.secure, path: '/', maxAge: SESSION_MS, encode: String,
    });
  }

  /** Signs out: this browser's cookie is cleared, and every session of the phone issued until now ends. */
  async end(req: Request, res: Response): Promise<void> {
    const session = await this.current(req);
    if (session) {
      const now = this.o.clock.now();
      await this.o.store.putChannelState({ ...session.state, phone: session.phone, channel: 'web', signedOutAt: now, updatedAt: now });
    }
    res.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: 'lax', secure: this.o.secure, path: '/' });
  }

  /** The verified phone of this request, or undefined (no cookie, forged, expired, or signed out since). */
  async phone(req: Request): Promise<string | undefined> {
    return (await this.current(req))?.phone;
  }

  /** A signed, unexpired session not ended by a sign-out since, with the phone's web channel state. */
  private async current(req: Request): Promise<{ phone: string; state?: ChannelState } | undefined> {
    const signed = this.signed(req);
    if (!signed) return undefined;
    const state = await this.o.store.getChannelState(signed.phone, 'web');
    if (state?.signedOutAt !== undefined && signed.expires - SESSION_MS <= state.signedOutAt) return undefined;
    return { phone: signed.phone, ...(state ? { state } : {}) };
  }

  private signed(req: Request): { phone: string; expires: number } | undefined {
    const value = readCookie(req, SESSION_COOKIE);
    const m = value && /^(\+[1-9]\d{6,14})\.(\d{1,16})\.([\w-]{43})$/.exec(value);
    if (!m) return undefined;
    const [, phone, expires, mac] = m as unknown as [string, string, string, string];
    const expected = Buffer.from(this.sign(`${phone}.${expires}`));
    const given = Buffer.from(mac);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
    return Number(expires) > this.o.clock.now() ? { phone, expires: Number(expires) } : undefined;
  }
}
