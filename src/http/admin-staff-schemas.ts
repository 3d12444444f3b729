import { z } from 'zod';
import { STAFF_ROLES } from '../domain/staff';

// What the staff-account and sign-in routes read and answer (src/http/admin-staff.ts), parsed at the edge and
// published in the OpenAPI document.

export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 200;

export const login = z.string().trim().toLowerCase()
  .regex(/^[a-z0-9._-]{2,40}$/, 'use 2 to 40 letters, digits, dots, dashes or underscores, like "maria" or "sam.lee"')
  .meta({ description: 'What the person types to sign in; case does not matter', examples: ['maria'] });
const name = z.string().trim().min(1, 'say who this is, like "Maria Lopez"').max(80, 'must be at most 80 characters')
  .meta({ description: 'How the console, the audit trail and the transcript name them', examples: ['Maria Lopez'] });
const password = z.string().min(PASSWORD_MIN, `must be at least ${PASSWORD_MIN} characters`).max(PASSWORD_MAX, `must be at most ${PASSWORD_MAX} characters`);
const role = z.enum(STAFF_ROLES, { error: 'must be "owner" or "staff"' })
  .meta({ description: '`owner`: everything, staff accounts and settings too; `staff`: orders, products and the inbox' });

export const newStaffBody = z.object({ name, login, password, role }).strict();
export const setupBody = z.object({ name, login, password }).strict();
export const signInBody = z.object({ login, password: z.string().min(1, 'must not be empty').max(PASSWORD_MAX) }).strict();
export const staffParams = z.object({ login });

export const staffMemberBody = z.object({
  login: z.string(), name: z.string(), role: z.enum(STAFF_ROLES), createdAt: z.string().meta({ format: 'date-time' }),
});
export const staffListBody = z.object({ staff: z.array(staffMemberBody).meta({ description: 'Oldest first; never a password or its hash' }) });
export const sessionBody = z.union([
  z.object({
    kind: z.literal('staff'), login: z.string(), name: z.string(), role: z.enum(STAFF_ROLES),
    csrfToken: z.string().meta({ description: 'Send it as `X-CSRF-Token` with every POST, PUT, PATCH and DELETE made with the cookie' }),
    expiresAt: z.string().meta({ format: 'date-time' }),
  }),
  z.object({ kind: z.literal('admin'), name: z.string(), role: z.literal('owner') }),
]);
