import type { Verification } from '../../domain/types';

/** The web chat's one-time codes, one pending per phone. */
export interface VerificationsPort {
  /** A new code replaces the old. */
  putVerification(v: Verification): Promise<void>;
  getVerification(phone: string): Promise<Verification | undefined>;
  /** attempts += 1 iff it still equals `seen`; false when another check got there first. */
  countVerificationAttempt(phone: string, seen: number): Promise<boolean>;
  deleteVerification(phone: string): Promise<void>;
}
