import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';

export type PhoneResult = { ok: true; phone: string } | { ok: false; reason: string };

/**
 * Recent answers of toE164: every webhook carries the sender's number, and parsing it with the full metadata
 * costs more than the rest of the request's routing (measured by `npm run bench`). Bounded: emptied when full.
 */
const recent = new Map<string, Readonly<PhoneResult>>();
const RECENT_MAX = 10_000;

/** Any way people write a phone number ("+1 202-555-0123", "(202) 555 0123", "whatsapp:+1…") → E.164, or why not. */
export function toE164(input: string, defaultCountry: CountryCode): PhoneResult {
  // Only what could be a phone number is remembered, so a flood of long junk cannot fill memory.
  if (input.length > 40) return parse(input, defaultCountry);
  const key = `${defaultCountry}|${input}`;
  const known = recent.get(key);
  if (known) return { ...known };
  const result = parse(input, defaultCountry);
  if (recent.size >= RECENT_MAX) recent.clear();
  recent.set(key, Object.freeze({ ...result }));
  return result;
}

function parse(input: string, defaultCountry: CountryCode): PhoneResult {
  const raw = input.trim().replace(/^(whatsapp|tel|sms):/i, '');
  if (!/^[+(\d][\d\s().-]{3,24}$/.test(raw)) return { ok: false, reason: 'is not a phone number' };
  const parsed = parsePhoneNumberFromString(raw, defaultCountry);
  if (!parsed || !parsed.isValid()) return { ok: false, reason: `is not a valid phone number (numbers without +country code are read as ${defaultCountry})` };
  return { ok: true, phone: parsed.number };
}
