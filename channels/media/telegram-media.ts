import type { Api } from 'grammy';
import { z } from 'zod';
import type { MediaPart } from '../../src/domain/types';
import { fetchBounded, MAX_MEDIA_BYTES, mediaKind } from './bounded';

const file = z.looseObject({ file_id: z.string().min(1).max(512), file_size: z.number().int().optional() });
const typedFile = file.extend({ mime_type: z.string().max(100).optional() });

/** The parts of a Telegram message that carry a picture or a voice note, checked at the edge. */
const mediaMessage = z.looseObject({
  caption: z.string().max(1024).optional(),
  photo: z.array(file.extend({ width: z.number().int(), height: z.number().int() })).optional(),
  voice: typedFile.optional(),
  audio: typedFile.optional(),
  document: typedFile.optional(),
});

/** The one file of a message worth reading, with the media type Telegram gives it (photos are JPEG). */
function pick(message: z.infer<typeof mediaMessage>): { fileId: string; mimeType: string; size?: number } | undefined {
  if (message.photo?.length) {
    // Sizes come smallest first; the largest that fits the bound reads best.
    const fitting = message.photo.filter((p) => (p.file_size ?? 0) <= MAX_MEDIA_BYTES);
    const best = fitting.at(-1);
    return best ? { fileId: best.file_id, mimeType: 'image/jpeg', size: best.file_size } : undefined;
  }
  const f = message.voice ?? message.audio ?? message.document;
  if (!f) return undefined;
  return { fileId: f.file_id, mimeType: f.mime_type ?? (message.voice ? 'audio/ogg' : ''), size: f.file_size };
}

export interface TelegramMedia {
  caption: string;
  media: MediaPart[];
}

/**
 * A photo, voice note, audio file or image document from Telegram: getFile, then the download from the same
 * API root (`/file/bot<token>/<file_path>`). Undefined when the message carries none we read (another type,
 * too big, or the download failed).
 */
export async function telegramMedia(api: Api, token: string, apiRoot: string, message: unknown): Promise<TelegramMedia | undefined> {
  const parsed = mediaMessage.safeParse(message);
  if (!parsed.success) return undefined;
  const chosen = pick(parsed.data);
  if (!chosen || !mediaKind(chosen.mimeType) || (chosen.size ?? 0) > MAX_MEDIA_BYTES) return undefined;
  let path: string | undefined;
  try {
    path = (await api.getFile(chosen.fileId)).file_path;
  } catch {
    return undefined;
  }
  if (!path) return undefined;
  const got = await fetchBounded(`${apiRoot.replace(/\/+$/, '')}/file/bot${token}/${path}`, {}, chosen.mimeType);
  return got.ok ? { caption: parsed.data.caption ?? '', media: [got.part] } : undefined;
}
