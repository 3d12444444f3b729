// The channels with Telegram's file API, Twilio's media URLs and Gemini faked: shared by the media tests.
import type { InboundMessage } from '../../src/domain/types';
import { startFakeGemini } from '../fakes/gemini-api';
import { startFakeTelegram } from '../fakes/telegram-api';
import { startFakeTwilio } from '../fakes/twilio-api';
import { startTelegramFiles, startTwilioMedia } from '../fakes/media-files';
import { ACCOUNT_SID, AUTH_TOKEN, BOT_TOKEN, startChannels } from '../channels/harness';
import { registered } from '../helpers';

export const USER = 4242;
export const PHONE = '+12025550123';
export const WA = `whatsapp:${PHONE}`;
/** Bytes standing for a photo of a shopping list and for a voice note (the fakes only carry them). */
export const PHOTO = Buffer.from('\xff\xd8\xff\xe0 a photo of: 2 loaves of rye, 6 bananas', 'latin1');
export const VOICE = Buffer.from('OggS a voice note: three tins of tuna please', 'latin1');
export const LIST = { type: 'add', items: [{ words: 'loaves of rye', sku: 'BAK-RYE', count: 2 }, { words: 'bananas', count: 6 }] };

/**
 * Every channel live against local fakes, with Telegram's file API and Twilio's media URLs in front of the
 * Bot API and REST fakes, and Gemini on (or off) against its fake. Records what the engine was handed.
 */
export async function startWithMedia(gemini: boolean) {
  const fakeGemini = await startFakeGemini();
  const botApi = await startFakeTelegram(BOT_TOKEN);
  const files = await startTelegramFiles(botApi.url, BOT_TOKEN);
  const rest = await startFakeTwilio(ACCOUNT_SID);
  const media = await startTwilioMedia(rest.url, ACCOUNT_SID, AUTH_TOKEN);
  const h = await startChannels({
    TELEGRAM_API_ROOT: files.url, TWILIO_API_BASE: media.url,
    ...(gemini ? { GEMINI_API_KEY: 'test-key', GEMINI_BASE_URL: fakeGemini.url } : {}),
  });
  const handed: InboundMessage[] = [];
  const handle = h.core.engine.handle.bind(h.core.engine);
  h.core.engine.handle = (msg, opts) => { handed.push(msg); return handle(msg, opts); };
  await registered(h.core, PHONE);
  await h.core.store.putIdentity(`telegram:${USER}`, PHONE);
  return {
    h, fakeGemini, botApi, files, media, handed,
    async photo(extra: Record<string, unknown> = {}) {
      const status = await h.telegram.post({ message: {
        message_id: 900, date: 1, chat: { id: USER, type: 'private' }, from: { id: USER, is_bot: false, first_name: 'Tess' },
        photo: [
          { file_id: 'thumb', file_unique_id: 'ut', width: 90, height: 60, file_size: 900 },
          { file_id: 'list', file_unique_id: 'ul', width: 1280, height: 960, file_size: PHOTO.length },
        ],
        ...extra,
      } });
      await h.core.outbox.drain();
      return status;
    },
    async close() {
      await h.close();
      for (const f of [fakeGemini, botApi, files, rest, media]) await f.close();
    },
  };
}

export type MediaHarness = Awaited<ReturnType<typeof startWithMedia>>;
