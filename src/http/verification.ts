import { createHmac, randomInt, timingSafeEqual } from 'node:crypto';
import type { Clock } from '../domain/types';
import type { VerificationsPort } from '../store/store';

export const CODE_TTL_MS = 10 * 60_000;
export const CODE_ATTEMPTS = 5;

export type SendOutcome = { ok: true } | { ok: false; reason: 'rejected' | 'failed' };
export type CheckOutcome = { ok: true } | { ok: false; reason: 'wrong' | 'failed' };

/**
 * How the web chat's one-time codes reach a phone. `deliver` senders get a code we made (an SMS, the
 * console); a `verify` sender is a service that makes and checks its own codes (Twilio Verify).
 */
export type CodeSender =
  | { kind: 'sms' | 'console'; deliver(phone: string, code: string): Promise<SendOutcome> }
  | { kind: 'verify'; start(phone: string): Promise<SendOutcome>; check(phone: string, code: string): Promise<CheckOutcome> };

export type CodeDelivery = CodeSender['kind'] | 'unavailable';

/** Development only: the code is printed on the server's console (not the logger, which never sees codes). */
export function consoleCodes(print: (line: string) => void = console.log): CodeSender {
  return {
    kind: 'console',
    async deliver(phone, code) {
      print(`Web chat code for the number ending ${phone.slice(-4)}: ${code} (development only: no SMS sender is configured)`);
      return { ok: true };
    },
  };
}

export type StartResult = { ok: true; via: CodeSender['kind'] } | { ok: false; reason: 'unavailable' | 'rejected' | 'failed' };
export type CheckResult = { ok: true } | { ok: false; reason: 'no_code' | 'expired' | 'too_many' | 'wrong' | 'failed'; attemptsLeft?: number };

/**
 * Proves a browser speaks for a phone: a 6-digit code valid 10 minutes, 5 attempts. The pending code lives in
 * the store (a keyed hash, never the code) so every web process agrees on it and on the attempts left.
 */
export class PhoneVerification {
  constructor(private readonly o: { store: VerificationsPort; clock: Clock; secret: string; sender?: CodeSender }) {}

  get delivery(): CodeDelivery {
    return this.o.sender?.kind ?? 'unavailable';
  }

  private hash(phone: string, code: string): string {
    return createHmac('sha256', this.o.secret).update(`web-chat-code:${phone}:${code}`).digest('hex');
  }

  async start(phone: string): Promise<StartResult> {
    const sender = this.o.sender;
    if (!sender) return { ok: false, reason: 'unavailable' };
    const now = this.o.clock.now();
    const record = { phone, expiresAt: now + CODE_TTL_MS, attempts: 0, createdAt: now };
    if (sender.kind === 'verify') {
      const sent = await sender.start(phone);
      if (!sent.ok) return sent;
      await this.o.store.putVerification({ ...record, codeHash: '' });
      return { ok: true, via: sender.kind };
    }
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    await this.o.store.putVerification({ ...record, codeHash: this.hash(phone, code) });
    const sent = await sender.deliver(phone, code);
    if (!sent.ok) { await this.o.store.deleteVerification(phone); return sent; }
    return { ok: true, via: sender.kind };
  }

  async check(phone: string, code: string): Promise<CheckResult> {
    // Each attempt is counted before the code is compared, by a conditional update, so concurrent guesses
    // from several processes cannot share one attempt.
    for (let tries = 0; tries < 5; tries += 1) {
      const v = await this.o.store.getVerification(phone);
      if (!v) return { ok: false, reason: 'no_code' };
      if (v.expiresAt <= this.o.clock.now()) return { ok: false, reason: 'expired' };
      if (v.attempts >= CODE_ATTEMPTS) return { ok: false, reason: 'too_many' };
      if (!(await this.o.store.countVerificationAttempt(phone, v.attempts))) continue;
      const attemptsLeft = CODE_ATTEMPTS - v.attempts - 1;
      const outcome = await this.matches(v.codeHash, phone, code);
      if (!outcome.ok) return { ok: false, reason: outcome.reason, attemptsLeft };
      await this.o.store.deleteVerification(phone);
      return { ok: true };
    }
    return { ok: false, reason: 'too_many' };
  }

  private async matches(codeHash: string, phone: string, code: string): Promise<CheckOutcome> {
    const sender = this.o.sender;
    if (sender?.kind === 'verify') return sender.check(phone, code);
    const given = Buffer.from(this.hash(phone, code));
    const expected = Buffer.from(codeHash);
    return given.length === expected.length && timingSafeEqual(given, expected) ? { ok: true } : { ok: false, reason: 'wrong' };
  }
}
