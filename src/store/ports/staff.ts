import type { StaffMember, StaffSession } from '../../domain/staff';

/** The console's accounts and their signed-in sessions. */
export interface StaffPort {
  /** Adds an account; false when the login is taken (of two adds of one login, exactly one wins). */
  addStaff(member: StaffMember): Promise<boolean>;
  getStaff(login: string): Promise<StaffMember | undefined>;
  /** Every account, oldest first. */
  listStaff(): Promise<StaffMember[]>;
  /** Removes an account and ends every session of it; false when there was no such login. */
  removeStaff(login: string): Promise<boolean>;
  addStaffSession(session: StaffSession): Promise<void>;
  /** The session, unless it ended or expired by `now`. */
  getStaffSession(id: string, now: number): Promise<StaffSession | undefined>;
  /** Moves a session's expiry on: never back, and a time past its `absoluteAt` changes nothing. */
  extendStaffSession(id: string, expiresAt: number): Promise<void>;
  endStaffSession(id: string): Promise<void>;
}
