import type { StaffMember, StaffSession } from '../../domain/staff';
import type { StaffPort } from '../ports/staff';

/**
 * The console's accounts and sessions in this process's memory. Every method finishes synchronously after its
 * check, so each is atomic with respect to the others. Expired sessions are dropped when a new one is added.
 */
export class MemoryStaff implements StaffPort {
  private members = new Map<string, StaffMember>();
  private sessions = new Map<string, StaffSession>();

  async addStaff(member: StaffMember) {
    if (this.members.has(member.login)) return false;
    this.members.set(member.login, { ...member });
    return true;
  }
  async getStaff(login: string) {
    const m = this.members.get(login);
    return m && { ...m };
  }
  async listStaff() {
    return [...this.members.values()].sort((a, b) => a.createdAt - b.createdAt || (a.login < b.login ? -1 : 1)).map((m) => ({ ...m }));
  }
  async removeStaff(login: string) {
    if (!this.members.delete(login)) return false;
    for (const [id, s] of this.sessions) if (s.login === login) this.sessions.delete(id);
    return true;
  }
  async addStaffSession(session: StaffSession) {
    for (const [id, s] of this.sessions) if (s.expiresAt <= session.createdAt) this.sessions.delete(id);
    this.sessions.set(session.id, { ...session });
  }
  async getStaffSession(id: string, now: number) {
    const s = this.sessions.get(id);
    return s && s.expiresAt > now ? { ...s } : undefined;
  }
  async extendStaffSession(id: string, expiresAt: number) {
    const s = this.sessions.get(id);
    if (s && expiresAt > s.expiresAt && expiresAt <= s.absoluteAt) s.expiresAt = expiresAt;
  }
  async endStaffSession(id: string) {
    this.sessions.delete(id);
  }
}
