import type { Collection, Db } from 'mongodb';
import type { Clock, Verification } from '../../domain/types';
import { updateById, upsertById } from './util';

type VerificationDoc = Verification & { _id: string; expireAt: Date };

/**
 * How long a code is kept after it expires (or after it was written, if later): a late attempt is still
 * told the code expired rather than that there is none (the web chat's `expired` and `no_code`).
 */
export const CODE_KEPT_MS = 24 * 60 * 60_000;

/**
 * The web chat's codes, one plain document per phone. `expireAt` is when the server's TTL monitor may delete
 * it; reads never see a code past it, so a server that runs no TTL monitor (or runs it late) answers the same,
 * and `deleteExpired` (housekeeping) removes it there.
 */
export class VerificationCodes {
  private codes: Collection<VerificationDoc>;

  constructor(db: Db, private clock: Clock) {
    this.codes = db.collection<VerificationDoc>('verifications');
  }

  async ensureIndexes(): Promise<void> {
    await this.codes.createIndex({ expireAt: 1 }, { expireAfterSeconds: 0, name: 'expire_at' });
  }

  private live() {
    return { $gt: new Date(this.clock.now()) };
  }

  /** A new code replaces the old. */
  async put(v: Verification): Promise<void> {
    const expireAt = new Date(Math.max(v.expiresAt, this.clock.now()) + CODE_KEPT_MS);
    await upsertById(this.codes, v.phone, { ...v, expireAt });
  }

  async get(phone: string): Promise<Verification | undefined> {
    const doc = await this.codes.findOne({ _id: phone, expireAt: this.live() }, { projection: { _id: 0, expireAt: 0 } });
    return doc ?? undefined;
  }

  /** One guarded increment, so of several checks that read the same count exactly one counts. */
  async countAttempt(phone: string, seen: number): Promise<boolean> {
    return (await updateById(this.codes, { _id: phone, attempts: seen, expireAt: this.live() }, { $inc: { attempts: 1 } })).matched;
  }

  async delete(phone: string): Promise<void> {
    await this.codes.deleteOne({ _id: phone });
  }

  /** What a TTL monitor deletes, for servers without one. */
  async deleteExpired(): Promise<number> {
    return (await this.codes.deleteMany({ expireAt: { $lte: new Date(this.clock.now()) } })).deletedCount;
  }
}
