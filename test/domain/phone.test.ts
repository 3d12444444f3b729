import { describe, expect, it } from 'vitest';
import { toE164 } from '../../src/domain/phone';

describe('toE164 (answers remembered for repeat senders)', () => {
  it('gives the same answer the second time, whatever the caller did with the first', () => {
    const first = toE164('whatsapp:+1 202-555-0123', 'US');
    expect(first).toEqual({ ok: true, phone: '+12025550123' });
    (first as { phone: string }).phone = 'changed';
    expect(toE164('whatsapp:+1 202-555-0123', 'US')).toEqual({ ok: true, phone: '+12025550123' });
  });

  it('reads a number by the default country it is asked with, not the one it was first read with', () => {
    expect(toE164('020 7946 0018', 'GB')).toEqual({ ok: true, phone: '+442079460018' });
    expect(toE164('020 7946 0018', 'US')).toMatchObject({ ok: false, reason: expect.stringContaining('read as US') });
  });

  it('refuses junk the same way every time, long or short', () => {
    for (let i = 0; i < 2; i += 1) {
      expect(toE164('hello', 'US')).toEqual({ ok: false, reason: 'is not a phone number' });
      expect(toE164('1'.repeat(5000), 'US')).toEqual({ ok: false, reason: 'is not a phone number' });
    }
  });
});
