import { z } from 'zod';
import type { MediaPart } from '../../src/domain/types';
import { fetchBounded, MAX_MEDIA_PARTS, mediaKind } from './bounded';

const TWILIO_API = 'https://api.twilio.com';

export interface TwilioMediaOptions {
  accountSid: string;
  authToken: string;
  /** Where media is fetched from instead of api.twilio.com; only for local fakes (TWILIO_API_BASE). */
  apiBase?: string;
}

const form = z.looseObject({ NumMedia: z.coerce.number().int().min(0).max(10).default(0) });

/**
 * The pictures and voice notes of a Twilio Messaging webhook (MediaUrl0…, MediaContentType0…): only our
 * account's media on api.twilio.com is fetched (a URL elsewhere is never followed), with the account's basic
 * auth, of the types Gemini reads, each bounded in size. Parts that fail are left out.
 */
export function twilioMedia(o: TwilioMediaOptions): (body: unknown) => Promise<MediaPart[]> {
  const prefix = `${TWILIO_API}/2010-04-01/Accounts/${o.accountSid}/`;
  const auth = `Basic ${Buffer.from(`${o.accountSid}:${o.authToken}`).toString('base64')}`;
  return async (body) => {
    const parsed = form.safeParse(body);
    if (!parsed.success) return [];
    const fields = parsed.data as Record<string, unknown>;
    const parts: MediaPart[] = [];
    for (let i = 0; i < parsed.data.NumMedia && parts.length < MAX_MEDIA_PARTS; i += 1) {
      const url = fields[`MediaUrl${i}`];
      const type = fields[`MediaContentType${i}`];
      if (typeof url !== 'string' || !url.startsWith(prefix) || typeof type !== 'string' || !mediaKind(type)) continue;
      const target = o.apiBase ? `${o.apiBase.replace(/\/+$/, '')}${url.slice(TWILIO_API.length)}` : url;
      const got = await fetchBounded(target, { headers: { authorization: auth } }, type);
      if (got.ok) parts.push(got.part);
    }
    return parts;
  };
}
