import fc from 'fast-check';
import twilio from 'twilio';
import { describe, expect, it } from 'vitest';
import { messagingTwiml } from '../../channels/twilio-messaging';

/** What twilio's own builder writes for these texts (or the error it throws). */
function byTwilio(texts: string[]): string {
  const response = new twilio.twiml.MessagingResponse();
  for (const t of texts) response.message(t);
  return response.toString();
}

const outcome = (f: () => string) => { try { return { xml: f() }; } catch { return { refused: true }; } };

describe('the SMS/WhatsApp webhook answer (TwiML)', () => {
  it('is byte for byte what twilio\'s MessagingResponse writes, for any texts, and refuses what it refuses', () => {
    const tricky = fc.constantFrom('', ' ', '&', '<', '>', '"', "'", '\r', '\n', '\t', '\u0000', '\u000b', '\ud800', '\udc00', '😀', '\uffff', ']]>', '&amp;', '£1.99', 'é');
    const text = fc.array(fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.string({ unit: 'binary' }), tricky), { maxLength: 6 }).map((parts) => parts.join(''));
    fc.assert(fc.property(fc.array(text, { maxLength: 4 }), (texts) => {
      expect(outcome(() => messagingTwiml(texts))).toEqual(outcome(() => byTwilio(texts)));
    }), { numRuns: 3000 });
  });

  it('escapes what would break the XML a customer\'s SMS is carried in', () => {
    expect(messagingTwiml(['Tom & Jerry <3', 'two'])).toBe('<?xml version="1.0" encoding="UTF-8"?><Response><Message>Tom &amp; Jerry &lt;3</Message><Message>two</Message></Response>');
    expect(messagingTwiml([])).toBe('<?xml version="1.0" encoding="UTF-8"?><Response/>');
  });
});
