import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';

export type PhoneResult = { ok: true; phone: string } | { ok: false; reason: string };

/** Any way people write a phone number ("+1 202-555-0123", "(202) 555 0123", "whatsapp:+1…") → E.164, or why not. */
export function toE164(input: string, defaultCountry: CountryCode): PhoneResult {
  const raw = input.trim().replace(/^(whatsapp|tel|sms):/i, '');
  if (!/^[+(\d][\d\s().-]{3,24}$/.test(raw)) return { ok: false, reason: 'is not a phone number' };
  const parsed = parsePhoneNumberFromString(raw, defaultCountry);
  if (!parsed || !parsed.isValid()) return { ok: false, reason: `is not a valid phone number (numbers without +country code are read as ${defaultCountry})` };
  return { ok: true, phone: parsed.number };
}
