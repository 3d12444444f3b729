import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { inbound, readInbound } from '../../channels/twilio-messaging';

/** What a field of the form can be: absent, text (short or of Twilio's shapes), a repeated key's list, or other. */
const field = fc.oneof(
  fc.constant(undefined),
  fc.string({ maxLength: 14 }),
  fc.constantFrom('', '0', '1', '3', '10', '01', '00', '-0', '-1', '1.5', '1e2', ' 2', '2 ', '0x1', 'Infinity', 'NaN', '999999999', '1000000000', '99999999999999999999', '+1', '+12025550123', 'whatsapp:+12025550123', 'SM0123456789abcdef'),
  fc.array(fc.string({ maxLength: 4 }), { maxLength: 2 }),
  fc.integer(),
  fc.constant(null),
);

const outcome = (r: ReturnType<typeof inbound.safeParse>) => (r.success ? { data: r.data } : { issues: r.error.issues.map((i) => i.path.join('.')) });

describe('the SMS/WhatsApp webhook\'s form, read', () => {
  it('reads any form exactly as the inbound schema (zod) reads it, and refuses what it refuses with the same issues', () => {
    // Mostly what Twilio sends, so a form often differs from one in a single field.
    const likely = (...typical: string[]) => fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...typical) }, { weight: 2, arbitrary: field });
    const form = fc.record({
      From: likely('+12025550123', 'whatsapp:+12025550123', 'abc'),
      Body: likely('hi', '', '2 limes'),
      MessageSid: likely('SM0123456789abcdef', '0123456789'),
      NumMedia: likely('0', '1', '12'),
      Extra: field,
    }, { requiredKeys: [] });
    fc.assert(fc.property(fc.oneof(form, fc.constantFrom(undefined, null, 'From=x', 42)), (body) => {
      expect(outcome(readInbound(body))).toEqual(outcome(inbound.safeParse(body)));
    }), { numRuns: 5000 });
  });

  it('takes what Twilio sends', () => {
    const body = { From: 'whatsapp:+12025550123', Body: 'hi', MessageSid: 'SM0123456789abcdef', NumMedia: '0', AccountSid: 'AC1' };
    expect(readInbound(body)).toEqual({ success: true, data: { From: 'whatsapp:+12025550123', Body: 'hi', MessageSid: 'SM0123456789abcdef', NumMedia: 0 } });
  });
});
