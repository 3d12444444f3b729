// The people who sign in to the owner's console, and their sessions.

export const STAFF_ROLES = ['owner', 'staff'] as const;
/** `owner`: everything, staff accounts and store settings too; `staff`: the day's work (orders, products, inbox). */
export type StaffRole = (typeof STAFF_ROLES)[number];

/** A console account. The password is kept only as its scrypt hash (src/staff/passwords.ts). */
export interface StaffMember {
  /** Lower-case letters, digits, `.`, `_` and `-`: what the person types to sign in. */
  login: string;
  /** How the console, the audit trail and the transcript name them. */
  name: string;
  role: StaffRole;
  passwordHash: string;
  createdAt: number;
}

/**
 * A signed-in browser. `id` is the SHA-256 of the cookie's secret (the store never holds the secret itself);
 * `csrfToken` is what every write made with the cookie must carry in `X-CSRF-Token`. The session ends at
 * `expiresAt`, pushed on while it is used (idle expiry), never past `absoluteAt`.
 */
export interface StaffSession {
  id: string;
  login: string;
  csrfToken: string;
  createdAt: number;
  expiresAt: number;
  absoluteAt: number;
}
