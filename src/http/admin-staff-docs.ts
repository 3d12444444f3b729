import { z } from 'zod';
import * as s from './admin-staff-schemas';
import { error, json, jsonBodyErrors, tooMany, unauthorized, type RouteDoc } from './openapi-parts';

const ownersOnly = error('Signed in as staff: only an owner (or the admin token) may manage staff accounts');
const noCsrf = 'or, signed in with the cookie, no `X-CSRF-Token`';
const member = { description: 'The account (never its password or hash)', json: s.staffMemberBody };

/** The documentation of signing in to the console and of the staff accounts (src/http/admin-staff.ts). */
export const STAFF_ROUTES: RouteDoc[] = [
  {
    method: 'post', path: '/admin/login', operationId: 'signIn', tag: 'Admin',
    summary: 'Sign in to the console with a login and password: sets the `grocer_staff` session cookie (HttpOnly, SameSite=Strict, Secure over https). A session ends after 2 hours unused or 12 hours after signing in',
    body: json(s.signInBody),
    responses: {
      200: { description: 'Signed in: the cookie is set; the answer carries the CSRF token for writes', json: s.sessionBody, headers: { 'Set-Cookie': 'The session cookie, grocer_staff, HttpOnly; SameSite=Strict; Path=/admin' } },
      ...jsonBodyErrors,
      401: error('Wrong login or password'),
      429: tooMany('Too many failed sign-ins for this login (10 every 15 minutes) or from this address (30 every 15 minutes)'),
    },
  },
  {
    method: 'get', path: '/admin/session', operationId: 'currentSession', tag: 'Admin', security: ['adminToken'],
    summary: 'Who is calling: the signed-in person, their role and the CSRF token their writes must carry; or the admin token',
    responses: { 200: { description: 'The caller', json: s.sessionBody }, 401: error('Not signed in (or the session ended) and no admin token') },
  },
  {
    method: 'post', path: '/admin/logout', operationId: 'signOut', tag: 'Admin', security: ['adminToken'],
    summary: 'Sign out: the session ends on the server and the cookie is cleared (with the admin token there is nothing to end)',
    responses: { 204: { description: 'Signed out' }, 401: unauthorized, 403: error('Signed in with the cookie but no `X-CSRF-Token`') },
  },
  {
    method: 'get', path: '/admin/staff', operationId: 'listStaff', tag: 'Admin', security: ['adminToken'],
    summary: 'The console\'s accounts, oldest first (owners only)',
    responses: { 200: { description: 'Accounts', json: s.staffListBody }, 401: unauthorized, 403: ownersOnly },
  },
  {
    method: 'post', path: '/admin/staff', operationId: 'addStaff', tag: 'Admin', security: ['adminToken'],
    summary: 'Add a person who may sign in to the console, as `owner` or `staff` (owners only). The password is kept only as a salted scrypt hash',
    body: json(s.newStaffBody),
    responses: {
      201: member, ...jsonBodyErrors, 401: unauthorized, 403: error(`Signed in as staff (only an owner may add accounts), ${noCsrf}`),
      409: error('An account with that login exists'),
    },
  },
  {
    method: 'delete', path: '/admin/staff/:login', operationId: 'removeStaff', tag: 'Admin', security: ['adminToken'],
    summary: 'Remove an account (owners only): its sessions end at once; what it did stays in the audit trail and transcripts under its name',
    params: s.staffParams,
    responses: {
      200: { description: 'Removed', json: z.object({ removed: z.string() }) }, 400: jsonBodyErrors[400]!, 401: unauthorized,
      403: error(`Signed in as staff (only an owner may remove accounts), ${noCsrf}`), 404: error('No account with that login'),
      409: error('That is the only owner: add another owner first'),
    },
  },
  {
    method: 'post', path: '/admin/setup', operationId: 'setUpOwner', tag: 'Admin', security: ['adminToken'],
    summary: 'Create the store\'s first owner, with the admin token; refused once any owner exists (`npm run staff -- add` does the same from a terminal)',
    body: json(s.setupBody),
    responses: {
      201: member, ...jsonBodyErrors, 401: unauthorized, 403: error('Signed in with a session: set-up takes the admin token'),
      409: error('The store has an owner already, or an account with that login exists'),
    },
  },
];
