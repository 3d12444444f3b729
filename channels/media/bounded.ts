import type { MediaPart } from '../../src/domain/types';

/** Largest picture or voice note the bot fetches; Gemini takes inline data up to 20 MB per request. */
export const MAX_MEDIA_BYTES = 5 * 1024 * 1024;
/** Most media parts one message carries to Gemini (a WhatsApp message may carry ten). */
export const MAX_MEDIA_PARTS = 3;

/** The media types Gemini reads that customers send: photos of lists, and voice notes. */
const KINDS = new Map<string, MediaPart['kind']>([
  ['image/jpeg', 'image'], ['image/png', 'image'], ['image/webp', 'image'],
  ['audio/ogg', 'audio'], ['audio/mpeg', 'audio'], ['audio/amr', 'audio'], ['audio/mp4', 'audio'],
]);

/** The kind of a media type we accept ("audio/ogg; codecs=opus" is audio/ogg), or undefined. */
export function mediaKind(contentType: string | undefined): { kind: MediaPart['kind']; mimeType: string } | undefined {
  const mimeType = contentType?.split(';')[0]?.trim().toLowerCase();
  const kind = mimeType ? KINDS.get(mimeType) : undefined;
  return kind && mimeType ? { kind, mimeType } : undefined;
}

export type Fetched = { ok: true; part: MediaPart } | { ok: false; reason: 'type' | 'too_big' | 'unavailable' };

/**
 * Downloads one file, refusing types we do not read and files over MAX_MEDIA_BYTES (by Content-Length, and
 * by counting while reading, so a server that lies about the length costs at most the bound). Never throws.
 */
export async function fetchBounded(url: string, init: RequestInit, declaredType?: string, timeoutMs = 10_000): Promise<Fetched> {
  try {
    const res = await fetch(url, { ...init, redirect: 'follow', signal: AbortSignal.timeout(timeoutMs) });
    if (!res.ok || !res.body) { await res.body?.cancel(); return { ok: false, reason: 'unavailable' }; }
    const type = mediaKind(declaredType ?? res.headers.get('content-type') ?? undefined);
    if (!type) { await res.body.cancel(); return { ok: false, reason: 'type' }; }
    if (Number(res.headers.get('content-length') ?? 0) > MAX_MEDIA_BYTES) { await res.body.cancel(); return { ok: false, reason: 'too_big' }; }
    const chunks: Uint8Array[] = [];
    let size = 0;
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      size += chunk.byteLength;
      if (size > MAX_MEDIA_BYTES) return { ok: false, reason: 'too_big' };
      chunks.push(chunk);
    }
    return { ok: true, part: { kind: type.kind, mimeType: type.mimeType, data: Buffer.concat(chunks).toString('base64') } };
  } catch {
    return { ok: false, reason: 'unavailable' };
  }
}
