import { Writable } from 'node:stream';
import { expect, it } from 'vitest';
import { createLogger } from '../src/log';
import { Outbox } from '../src/notify/outbox';
import { MemoryStore } from '../src/store/memory';

function capture(hashKey?: string) {
  const lines: string[] = [];
  const log = createLogger('trace', new Writable({ write(chunk, _enc, done) { lines.push(String(chunk)); done(); } }), { hashKey });
  return { log, lines, text: () => lines.join('') };
}

it('never writes phone numbers, names, addresses or message texts to the logs', async () => {
  const { log, text } = capture();
  log.info({ phone: '+12025550123', customer: { name: 'Ana Lopez', address: '12 Main Street' }, msg: { text: 'my secret order', from: '+12025550123' } }, 'handled');
  log.child({ channel: 'sms', phone: '+12025550177' }).warn({ req: { headers: { authorization: 'Bearer s3cret' } } }, 'refused');
  // A real code path: a notification nobody can receive is logged with the phone.
  await new Outbox({ store: new MemoryStore(), log, clock: { now: () => 0 } }).deliver({ phone: '+12025550199', replies: [{ key: 'notification', text: 'hello Ana' }] });
  expect(text()).toContain('handled');
  expect(text()).toContain('message skipped: no channel may carry it');
  for (const secret of ['+12025550123', '12025550177', '+12025550199', 'Ana Lopez', '12 Main Street', 'my secret order', 's3cret', 'hello Ana']) expect(text()).not.toContain(secret);
  expect(text()).toContain('[redacted]');
});

it('stands a phone number in for a short keyed hash, the same for every line of one customer', () => {
  const { log, lines } = capture('a-key-of-sixteen-chars');
  log.info({ phone: '+12025550123' }, 'first');
  log.child({ phone: '+12025550123' }).info('second');
  log.warn(`lease conversation:+1 202 555 0123 stayed busy`);
  const hashes = lines.map((l) => /ph:[\w-]{10}/.exec(l)?.[0]);
  expect(hashes[0]).toBeDefined();
  expect(new Set(hashes)).toEqual(new Set([hashes[0]]));
  // Another key gives another hash: the hash cannot be looked up without the key.
  const other = capture('another-key-sixteen-chars');
  other.log.info({ phone: '+12025550123' }, 'first');
  expect(other.lines[0]).not.toContain(hashes[0]);
});

it('keeps a failing platform call useful in the log without its token, update or customer data', () => {
  const { log, text } = capture();
  const token = '123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsawq';
  const cause = Object.assign(new Error(`Call to 'sendMessage' failed! (403: Forbidden: bot was blocked by the user) https://api.telegram.org/bot${token}/sendMessage`), { error_code: 403, description: 'Forbidden: bot was blocked by the user', payload: { chat_id: 4242, text: 'Your order ORD-1001 for Ana' } });
  const botError = Object.assign(new Error('Error in middleware'), {
    error: cause,
    ctx: { api: { token }, update: { update_id: 7, message: { contact: { phone_number: '+447911123456', first_name: 'Ana' }, text: '12 Main Street' } } },
  });
  log.error({ err: botError, update: botError.ctx.update }, 'telegram update failed');
  const out = text();
  expect(out).toContain('bot was blocked by the user');
  expect(out).toContain('"error_code":403');
  for (const secret of [token, 'AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsawq', '447911123456', 'Ana', '12 Main Street', 'ORD-1001 for']) expect(out).not.toContain(secret);
});
