import { Writable } from 'node:stream';
import { expect, it } from 'vitest';
import { createLogger } from '../src/log';
import { Outbox } from '../src/notify/outbox';
import { MemoryStore } from '../src/store/memory';

it('never writes phone numbers, names, addresses or message texts to the logs', async () => {
  let out = '';
  const log = createLogger('info', new Writable({ write(chunk, _enc, done) { out += chunk; done(); } }));
  log.info({ phone: '+12025550123', customer: { name: 'Ana Lopez', address: '12 Main Street' }, msg: { text: 'my secret order', from: '+12025550123' } }, 'handled');
  log.child({ channel: 'sms' }).warn({ req: { headers: { authorization: 'Bearer s3cret' } } }, 'refused');
  // A real code path: a notification nobody can receive is logged with the phone.
  await new Outbox({ store: new MemoryStore(), log, clock: { now: () => 0 } }).deliver({ phone: '+12025550199', replies: [{ text: 'hello Ana' }] });
  expect(out).toContain('handled');
  expect(out).toContain('message skipped: no channel may carry it');
  for (const secret of ['+12025550123', '+12025550199', 'Ana Lopez', '12 Main Street', 'my secret order', 's3cret', 'hello Ana']) expect(out).not.toContain(secret);
  expect(out).toContain('[redacted]');
});
