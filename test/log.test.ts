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

it('masks only phone-shaped numbers: ids, SIDs, order numbers, times and addresses stay whole in the log line', () => {
  const { log, text } = capture('a-key-of-sixteen-chars');
  const kept = [
    '20a808b3-1234-4567-89ab-cdef01234567', '12345678-1234-1234-1234-123456789012', '65a1b2c3d4e5f60718293a4b',
    'SM0123456789abcdef0123456789abcd01', 'AC0123456789abcdef0123456789abcd01', 'ORD-1042', 'ORD-10420000',
    '2026-11-23T10:15:30.123Z', '2026-11-23 10:15', '1763912345678', '198.51.100.50', 'v1.2.3', '3.14159265',
  ];
  log.info({ deliveryId: kept[0], ids: kept.slice(1, 5), at: kept[7] }, `delivered ${kept.join(' ; ')}`);
  log.warn(new Error(`Twilio refused ${kept[3]} for ORD-1042 at ${kept[7]}`), 'send failed');
  const out = text();
  for (const k of kept) expect(out, k).toContain(k);
  expect(out).not.toContain('ph:');
});

it.each([
  '+12025550123', '+1 202 555 0123', '+1 (202) 555-0123', '+44 7911 123456', '+44 (0)20 7946 0958', 'whatsapp:+447911123456',
  '(202) 555-0123', '202-555-0123', '202.555.0123', '202 555 0123', '2025550123', '12025550123', '1-800-555-0199',
  '07911 123456', '020 7946 0958', '06 12 34 56 78', '555-0123',
])('still masks the phone number %s in a message', (written) => {
  const { log, text } = capture();
  log.warn(`could not reach ${written}, on 2026-11-23 at 10:15`);
  expect(text()).toMatch(/could not reach (whatsapp:)?ph:[\w-]{10}, on 2026-11-23 at 10:15/);
  expect(text()).not.toContain(written.replace('whatsapp:', ''));
});
