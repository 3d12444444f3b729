// Staff: the owner's list of who may sign in (add, remove), and the one-time set-up of the owner's account
// with the admin token.

import { $, esc, notice, reasonOf, request, session, time } from './lib.js';

const ROLE = { owner: 'Owner', staff: 'Staff' };

export async function refreshStaff() {
  const r = await request('/admin/staff');
  if (!r.ok) { $('staffInfo').textContent = r.status === 403 ? 'Only the store owner manages staff.' : 'Could not load the staff: ' + reasonOf(r); $('staffList').innerHTML = ''; return; }
  const list = r.body.staff;
  $('staffInfo').textContent = list.length ? `${list.length} ${list.length === 1 ? 'person' : 'people'} may sign in.` : 'Nobody has an account yet.';
  const me = session.who && session.who.login;
  // The only owner cannot be removed (the API refuses it): the button says so instead of asking first.
  const owners = list.filter((m) => m.role === 'owner').length;
  const removeButton = (m) => (m.role === 'owner' && owners === 1
    ? '<button type="button" class="secondary" disabled title="The only owner cannot be removed: add another owner first">Remove</button>'
    : `<button type="button" class="secondary" data-remove="${esc(m.login)}" aria-label="${esc('Remove ' + m.name)}">Remove</button>`);
  $('staffList').innerHTML = '<thead><tr><th>Name</th><th>Login</th><th>Role</th><th>Since</th><th></th></tr></thead><tbody>'
    + list.map((m) => `<tr data-login="${esc(m.login)}"><td>${esc(m.name)}${m.login === me ? ' <span class="badge">you</span>' : ''}</td><td>${esc(m.login)}</td>`
      + `<td>${esc(ROLE[m.role] || m.role)}</td><td>${esc(time(m.createdAt))}</td>`
      + `<td>${removeButton(m)}</td></tr>`).join('')
    + '</tbody>';
}

async function add(e) {
  e.preventDefault();
  const json = { name: $('staffName').value, login: $('staffLogin').value, password: $('staffPassword').value, role: $('staffRole').value };
  $('staffError').textContent = '';
  const r = await request('/admin/staff', { method: 'POST', json });
  if (!r.ok) { $('staffError').textContent = reasonOf(r); return; }
  $('staffForm').reset();
  notice(`${r.body.name} can sign in now as “${r.body.login}”.`);
  refreshStaff();
}

async function remove(login) {
  const row = $('staffList').querySelector(`tr[data-login="${CSS.escape(login)}"]`);
  const name = row ? row.firstElementChild.firstChild.textContent.trim() : login;
  if (!confirm(`Remove ${name}? They are signed out at once and can no longer sign in.`)) return;
  const r = await request('/admin/staff/' + encodeURIComponent(login), { method: 'DELETE' });
  if (!r.ok) { notice(reasonOf(r), 'warn'); return; }
  notice(`Removed ${name}.`);
  refreshStaff();
}

/** With the admin token and no owner yet: the console offers the set-up page. */
export async function checkSetup() {
  $('setupHint').hidden = true;
  if (!session.who || session.who.kind !== 'admin') return;
  const r = await request('/admin/staff');
  $('setupHint').hidden = !(r.ok && !r.body.staff.some((m) => m.role === 'owner'));
}

export function setupStaff({ signedIn }) {
  $('staffForm').addEventListener('submit', add);
  $('staffList').addEventListener('click', (e) => {
    const login = e.target.closest('[data-remove]')?.dataset.remove;
    if (login) remove(login);
  });
  $('setupForm').addEventListener('submit', async (e) => {
    e.preventDefault();
    const json = { name: $('setupName').value, login: $('setupLogin').value, password: $('setupPassword').value };
    $('setupError').textContent = '';
    const r = await request('/admin/setup', { method: 'POST', json });
    if (!r.ok) { $('setupError').textContent = reasonOf(r); return; }
    // Signed in as the new owner from here on: the admin token is put away.
    const signIn = await request('/admin/login', { method: 'POST', json: { login: json.login, password: json.password }, signingIn: true });
    $('setupForm').reset();
    if (!signIn.ok) { $('setupError').textContent = 'The account is ready, but signing in failed: ' + reasonOf(signIn); return; }
    session.clear();
    signedIn(signIn.body, '#staff');
    notice(`Welcome, ${signIn.body.name}: add the people who work with you here.`);
  });
}
