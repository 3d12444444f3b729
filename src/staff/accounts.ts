import type { StaffMember, StaffRole } from '../domain/staff';
import type { StaffPort } from '../store/store';
import { hashPassword } from './passwords';

/** A new account as it is kept: the password only as its salted hash. The input was checked at the edge. */
export async function newMember(input: { login: string; name: string; role: StaffRole; password: string }, now: number): Promise<StaffMember> {
  return { login: input.login, name: input.name, role: input.role, passwordHash: await hashPassword(input.password), createdAt: now };
}

/** Why an account may not be removed: the store's only owner (nobody could manage staff any more). */
export async function refuseRemoval(store: Pick<StaffPort, 'listStaff'>, member: StaffMember): Promise<string | undefined> {
  if (member.role !== 'owner') return undefined;
  const owners = (await store.listStaff()).filter((m) => m.role === 'owner');
  return owners.length === 1 ? `${member.name} is the only owner: add another owner before removing this account` : undefined;
}
