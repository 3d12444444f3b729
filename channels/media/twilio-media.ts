import { z } from 'zod';
import type { MediaPart } from '../../src/domain/types';
import { fetchBounded, MAX_MEDIA_PARTS, mediaKind } from './bounded';
import { RecentMedia } from './recent';

const TWILIO_API = 'https://api.twilio.com';
/** Most MediaUrlN fields looked at: Twilio sends at most ten; a form claiming more is read up to here. */
const MAX_MEDIA_FIELDS = 10;

export interface TwilioMediaOptions {
  accountSid: string;
  authToken: string;
  /** Where media is fetched from instead of api.twilio.com; only for local fakes (TWILIO_API_BASE). */
  apiBase?: string;
}

const form = z.looseObject({
  NumMedia: z.coerce.number().int().min(0).default(0),
  MessageSid: z.string().min(10).max(64).optional(),
});

/**
 * The path of a URL as the fetch would resolve it ("/x/../y" is "/y", "%2e%2e" too), if it is one of our
 * account's message media on api.twilio.com: /2010-04-01/Accounts/<sid>/Messages/<MM…>/Media/<ME…>.
 */
export function accountMediaPath(raw: string, accountSid: string): string | undefined {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return undefined;
  }
  if (url.origin !== TWILIO_API || url.username || url.password) return undefined;
  const path = url.pathname;
  const ours = `/2010-04-01/Accounts/${accountSid}/Messages/`;
  return path.startsWith(ours) && /^[A-Za-z0-9]+\/Media\/[A-Za-z0-9]+$/.test(path.slice(ours.length)) ? path : undefined;
}

/**
 * The pictures and voice notes of a Twilio Messaging webhook (MediaUrl0…, MediaContentType0…): only our
 * account's message media on api.twilio.com is fetched (a URL elsewhere, or one that leaves the account's
 * media by "..", is never followed), with the account's basic auth, of the types Gemini reads, each bounded
 * in size. Parts that fail are left out. Twilio's retry of a message (same MessageSid) reuses what was fetched.
 */
export function twilioMedia(o: TwilioMediaOptions): (body: unknown) => Promise<MediaPart[]> {
  const auth = `Basic ${Buffer.from(`${o.accountSid}:${o.authToken}`).toString('base64')}`;
  const recent = new RecentMedia();
  const fetchAll = async (fields: Record<string, unknown>, count: number): Promise<MediaPart[]> => {
    const parts: MediaPart[] = [];
    for (let i = 0; i < Math.min(count, MAX_MEDIA_FIELDS) && parts.length < MAX_MEDIA_PARTS; i += 1) {
      const url = fields[`MediaUrl${i}`];
      const type = fields[`MediaContentType${i}`];
      if (typeof url !== 'string' || typeof type !== 'string' || !mediaKind(type)) continue;
      const path = accountMediaPath(url, o.accountSid);
      if (!path) continue;
      const target = `${(o.apiBase ?? TWILIO_API).replace(/\/+$/, '')}${path}`;
      const got = await fetchBounded(target, { headers: { authorization: auth } }, type);
      if (got.ok) parts.push(got.part);
    }
    return parts;
  };
  return async (body) => {
    const parsed = form.safeParse(body);
    if (!parsed.success) return [];
    const fields = parsed.data as Record<string, unknown>;
    const sid = parsed.data.MessageSid;
    if (!sid) return fetchAll(fields, parsed.data.NumMedia);
    return recent.get(sid, () => fetchAll(fields, parsed.data.NumMedia));
  };
}
