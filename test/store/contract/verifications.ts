import { describe, expect } from 'vitest';
import type { VerificationsPort } from '../../../src/store/store';
import { portTest } from './fixtures';

/** The verifications port's contract, run once per adapter. */
export function verificationsContract(adapter: string, open: () => Promise<VerificationsPort>) {
  const it = portTest(open);
  describe(`verifications port contract: ${adapter}`, () => {
    it('keeps one verification code per phone and counts each attempt once, however many race', async ({ store }) => {
      const v = { phone: '+12025550123', codeHash: 'h1', expiresAt: 600_000, attempts: 0, createdAt: 1 };
      expect(await store.getVerification(v.phone)).toBeUndefined();
      expect(await store.countVerificationAttempt(v.phone, 0)).toBe(false);
      await store.putVerification(v);
      expect(await store.getVerification(v.phone)).toEqual(v);
      const raced = await Promise.all(Array.from({ length: 8 }, () => store.countVerificationAttempt(v.phone, 0)));
      expect(raced.filter(Boolean)).toHaveLength(1);
      expect(await store.countVerificationAttempt(v.phone, 0)).toBe(false);
      expect(await store.countVerificationAttempt(v.phone, 1)).toBe(true);
      expect(await store.getVerification(v.phone)).toEqual({ ...v, attempts: 2 });
      await store.putVerification({ ...v, codeHash: 'h2', createdAt: 2 });
      expect(await store.getVerification(v.phone)).toEqual({ ...v, codeHash: 'h2', createdAt: 2 });
      expect(await store.countVerificationAttempt(v.phone, 0)).toBe(true);
      await store.deleteVerification(v.phone);
      expect(await store.getVerification(v.phone)).toBeUndefined();
      expect(await store.countVerificationAttempt(v.phone, 1)).toBe(false);
      await store.deleteVerification(v.phone);
      await store.putVerification(v);
      expect(await store.getVerification(v.phone)).toEqual(v);
    });
  });
}
