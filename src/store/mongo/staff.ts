import type { Collection, Db } from 'mongodb';
import type { StaffMember, StaffSession } from '../../domain/staff';
import { isDuplicateKey, updateById } from './util';

/** An account as an operator reads it in mongosh: the login is the `_id`. */
type MemberDoc = Omit<StaffMember, 'login'> & { _id: string };
/** A session: `_id` is the hash of the cookie's secret; `expireAt` lets the TTL monitor delete it once ended. */
type SessionDoc = Omit<StaffSession, 'id'> & { _id: string; expireAt: Date };

const member = ({ _id, ...rest }: MemberDoc): StaffMember => ({ login: _id, ...rest });
const session = ({ _id, expireAt, ...rest }: SessionDoc): StaffSession => { void expireAt; return { id: _id, ...rest }; };

/**
 * The console's accounts (`staff`, one document per login, so a unique `_id` settles two adds of one login)
 * and sessions (`staff_sessions`, one document per signed-in browser). Reads never return a session past its
 * expiry, so a server whose TTL monitor runs late (or not at all) answers the same.
 */
export class StaffRecords {
  private members: Collection<MemberDoc>;
  private sessions: Collection<SessionDoc>;

  constructor(db: Db) {
    this.members = db.collection('staff');
    this.sessions = db.collection('staff_sessions');
  }

  async ensureIndexes(): Promise<void> {
    await this.sessions.createIndex({ login: 1 }, { name: 'by_login' });
    await this.sessions.createIndex({ expireAt: 1 }, { expireAfterSeconds: 0, name: 'expire_at' });
  }

  async add(m: StaffMember): Promise<boolean> {
    const { login, ...rest } = m;
    try {
      await this.members.insertOne({ _id: login, ...rest });
      return true;
    } catch (err) {
      if (isDuplicateKey(err)) return false;
      throw err;
    }
  }
  async get(login: string): Promise<StaffMember | undefined> {
    const doc = await this.members.findOne({ _id: login });
    return doc ? member(doc) : undefined;
  }
  async list(): Promise<StaffMember[]> {
    return (await this.members.find().sort({ createdAt: 1, _id: 1 }).toArray()).map(member);
  }
  /** The account first: a session read checks its account, so one left behind by a crash here opens nothing. */
  async remove(login: string): Promise<boolean> {
    const gone = (await this.members.deleteOne({ _id: login })).deletedCount === 1;
    if (gone) await this.sessions.deleteMany({ login });
    return gone;
  }

  async addSession(s: StaffSession): Promise<void> {
    const { id, ...rest } = s;
    await this.sessions.insertOne({ _id: id, ...rest, expireAt: new Date(s.expiresAt) });
  }
  async getSession(id: string, now: number): Promise<StaffSession | undefined> {
    const doc = await this.sessions.findOne({ _id: id, expiresAt: { $gt: now } });
    return doc ? session(doc) : undefined;
  }
  /** One guarded update: only ever later; a time past the session's absolute end changes nothing. */
  async extendSession(id: string, expiresAt: number): Promise<void> {
    await updateById(this.sessions, { _id: id, expiresAt: { $lt: expiresAt }, absoluteAt: { $gte: expiresAt } }, { $set: { expiresAt, expireAt: new Date(expiresAt) } });
  }
  async endSession(id: string): Promise<void> {
    await this.sessions.deleteOne({ _id: id });
  }
}
