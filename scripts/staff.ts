// `npm run staff -- add --name "Olga Owner" --login olga --role owner`: adds a person who may sign in to the
// console (the password is read from stdin, or asked for twice without echo on a terminal). Also `list`, and
// `remove --login maria`. With MONGODB_URI (as the application reads it) it writes to that database; the
// in-memory store lives inside the running web process, so without MONGODB_URI it goes through that process's
// admin API (ADMIN_TOKEN, at http://localhost:$PORT or --url).
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config';
import { newStaffBody, staffParams } from '../src/http/admin-staff-schemas';
import { describeIssues } from '../src/domain/schemas';
import { newMember, refuseRemoval } from '../src/staff/accounts';
import { openStore } from '../src/store/open';

const USAGE = [
  'Usage:',
  '  npm run staff -- add --name "Maria Lopez" --login maria --role staff|owner   (password from stdin, or asked for)',
  '  npm run staff -- list',
  '  npm run staff -- remove --login maria',
  'Without MONGODB_URI the running web process is asked (ADMIN_TOKEN; --url, default http://localhost:$PORT).',
].join('\n');

function fail(message: string, code = 1): never {
  console.error(message);
  process.exit(code);
}

/** A line from a terminal, not echoed. */
function askHidden(question: string): Promise<string> {
  const stdin = process.stdin;
  process.stdout.write(question);
  stdin.setRawMode(true);
  stdin.setEncoding('utf8');
  stdin.resume();
  return new Promise((resolve, reject) => {
    let value = '';
    const finish = () => { stdin.off('data', onData); stdin.setRawMode(false); stdin.pause(); process.stdout.write('\n'); };
    const onData = (chunk: string) => {
      for (const c of chunk) {
        if (c === '\r' || c === '\n') { finish(); resolve(value); return; }
        if (c === '\u0003') { finish(); reject(new Error('cancelled')); return; }
        value = c === '\u007f' || c === '\b' ? value.slice(0, -1) : value + c;
      }
    };
    stdin.on('data', onData);
  });
}

async function readPassword(): Promise<string> {
  if (!process.stdin.isTTY) {
    let text = '';
    for await (const chunk of process.stdin) text += String(chunk);
    return text.replace(/\r?\n$/, '');
  }
  const first = await askHidden('Password (at least 10 characters): ');
  if ((await askHidden('The same again: ')) !== first) fail('The two passwords differ; nothing was changed.');
  return first;
}

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { name: { type: 'string' }, login: { type: 'string' }, role: { type: 'string', default: 'staff' }, url: { type: 'string' } },
});
const command = positionals[0];
if (!command || !['add', 'list', 'remove'].includes(command)) fail(USAGE, 2);
const config = loadConfig(process.env);

/** The web process's admin API, for a store that lives inside it. */
async function api(method: string, path: string, body?: unknown): Promise<{ status: number; body: { error?: string; details?: string[] } & Record<string, unknown> }> {
  if (!config.ADMIN_TOKEN) fail('MONGODB_URI is not set, so the accounts live in the running web process: set ADMIN_TOKEN (as that process has it) to reach its admin API.');
  const url = (values.url ?? `http://localhost:${config.PORT}`) + path;
  const res = await fetch(url, {
    method, headers: { authorization: `Bearer ${config.ADMIN_TOKEN}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  }).catch((err: Error) => fail(`Could not reach the web process at ${url}: ${err.message}. Is it running (npm start)?`));
  return { status: res.status, body: await res.json() as { error?: string } & Record<string, unknown> };
}
const said = (r: { body: { error?: string; details?: string[] } }) => [r.body.error, ...(r.body.details ?? [])].filter(Boolean).join(' — ');

async function main(): Promise<void> {
  if (command === 'add') {
    const password = await readPassword();
    const parsed = newStaffBody.safeParse({ name: values.name, login: values.login, role: values.role, password });
    if (!parsed.success) fail(`Nothing was changed:\n  ${describeIssues(parsed.error).join('\n  ')}\n${USAGE}`, 2);
    const input = parsed.data;
    if (config.MONGODB_URI) {
      const store = await openStore(config);
      try {
        if (!(await store.addStaff(await newMember(input, Date.now())))) fail(`There is already an account with the login "${input.login}".`);
      } finally { await store.close(); }
    } else {
      const r = await api('POST', '/admin/staff', input);
      if (r.status !== 201) fail(`Not added: ${said(r)}`);
    }
    console.log(`${input.name} can sign in to the console now as "${input.login}" (${input.role}).`);
    return;
  }
  if (command === 'list') {
    const staff = config.MONGODB_URI
      ? await (async () => { const store = await openStore(config); try { return (await store.listStaff()).map((m) => ({ ...m, createdAt: new Date(m.createdAt).toISOString() })); } finally { await store.close(); } })()
      : ((await api('GET', '/admin/staff')).body.staff as { login: string; name: string; role: string; createdAt: string }[]);
    if (!staff.length) console.log('Nobody has an account yet.');
    for (const m of staff) console.log(`${m.login}\t${m.role}\t${m.name}\tsince ${m.createdAt}`);
    return;
  }
  const params = staffParams.safeParse({ login: values.login });
  if (!params.success) fail(`Say which account: --login <login>\n${USAGE}`, 2);
  const { login } = params.data;
  if (config.MONGODB_URI) {
    const store = await openStore(config);
    try {
      const member = await store.getStaff(login);
      if (!member) fail(`No account with the login "${login}".`);
      const refused = await refuseRemoval(store, member);
      if (refused) fail(`Not removed: ${refused}.`);
      await store.removeStaff(login);
    } finally { await store.close(); }
  } else {
    const r = await api('DELETE', `/admin/staff/${encodeURIComponent(login)}`);
    if (r.status !== 200) fail(`Not removed: ${said(r)}`);
  }
  console.log(`Removed "${login}": their sessions have ended.`);
}

main().catch((err: Error) => fail(err.message));
