import { describe, expect } from 'vitest';
import type { StaffMember, StaffSession } from '../../../src/domain/staff';
import type { StaffPort } from '../../../src/store/store';
import { portTest } from './fixtures';

const member = (over: Partial<StaffMember> = {}): StaffMember => ({
  login: 'maria', name: 'Maria Lopez', role: 'staff', passwordHash: 'scrypt$32768$8$1$salt$hash', createdAt: 1000, ...over,
});
const session = (over: Partial<StaffSession> = {}): StaffSession => ({
  id: 'sess-1', login: 'maria', csrfToken: 'csrf-1', createdAt: 1000, expiresAt: 2000, absoluteAt: 5000, ...over,
});

/** The staff port's contract, run once per adapter. */
export function staffContract(adapter: string, open: () => Promise<StaffPort>) {
  const it = portTest(open);
  describe(`staff port contract: ${adapter}`, () => {
    it('adds an account once per login, reads it back, and lists the accounts oldest first', async ({ store }) => {
      expect(await store.listStaff()).toEqual([]);
      expect(await store.addStaff(member({ login: 'sam', name: 'Sam', role: 'owner', createdAt: 900 }))).toBe(true);
      expect(await store.addStaff(member())).toBe(true);
      expect(await store.addStaff(member({ name: 'Another Maria' }))).toBe(false);
      expect(await store.getStaff('maria')).toEqual(member());
      expect(await store.getStaff('nobody')).toBeUndefined();
      expect((await store.listStaff()).map((m) => m.login)).toEqual(['sam', 'maria']);
    });

    it('of two adds of one login at once, exactly one wins', async ({ store }) => {
      const results = await Promise.all([store.addStaff(member({ name: 'A' })), store.addStaff(member({ name: 'B' }))]);
      expect(results.filter(Boolean)).toHaveLength(1);
      expect((await store.listStaff())).toHaveLength(1);
    });

    it('keeps a session until it expires or ends', async ({ store }) => {
      await store.addStaff(member());
      await store.addStaffSession(session());
      expect(await store.getStaffSession('sess-1', 1999)).toEqual(session());
      expect(await store.getStaffSession('sess-1', 2000)).toBeUndefined();
      expect(await store.getStaffSession('other', 1500)).toBeUndefined();
      await store.endStaffSession('sess-1');
      expect(await store.getStaffSession('sess-1', 1500)).toBeUndefined();
    });

    it('moves a session\'s expiry on, never back and never past its absolute end', async ({ store }) => {
      await store.addStaffSession(session());
      await store.extendStaffSession('sess-1', 3000);
      expect((await store.getStaffSession('sess-1', 2500))?.expiresAt).toBe(3000);
      await store.extendStaffSession('sess-1', 2500);
      expect((await store.getStaffSession('sess-1', 2500))?.expiresAt).toBe(3000);
      await store.extendStaffSession('sess-1', 6000);
      expect((await store.getStaffSession('sess-1', 2500))?.expiresAt).toBe(3000);
      await store.extendStaffSession('sess-1', 5000);
      expect(await store.getStaffSession('sess-1', 4999)).toBeDefined();
      expect(await store.getStaffSession('sess-1', 5000)).toBeUndefined();
    });

    it('removing an account ends every session of it, and no one else\'s', async ({ store }) => {
      await store.addStaff(member());
      await store.addStaff(member({ login: 'sam', name: 'Sam' }));
      await store.addStaffSession(session({ id: 'a' }));
      await store.addStaffSession(session({ id: 'b' }));
      await store.addStaffSession(session({ id: 'c', login: 'sam' }));
      expect(await store.removeStaff('maria')).toBe(true);
      expect(await store.removeStaff('maria')).toBe(false);
      expect(await store.getStaff('maria')).toBeUndefined();
      expect(await store.getStaffSession('a', 1500)).toBeUndefined();
      expect(await store.getStaffSession('b', 1500)).toBeUndefined();
      expect(await store.getStaffSession('c', 1500)).toBeDefined();
    });
  });
}
