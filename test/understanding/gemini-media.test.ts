import { afterEach, describe, expect, it } from 'vitest';
import { ACCOUNT_SID } from '../channels/harness';
import { LIST, PHONE, PHOTO, VOICE, WA, startWithMedia as start, type MediaHarness } from './gemini-channels';

let env: MediaHarness | undefined;
afterEach(async () => { await env?.close(); env = undefined; });

describe('pictures and voice notes, with Gemini on', () => {
  it('a Telegram photo of a shopping list is fetched (getFile, then the file) and reads as a proposed cart', async () => {
    env = await start(true);
    env.files.put('list', { bytes: PHOTO, contentType: 'application/octet-stream' });
    expect(await env.photo({ caption: 'for the weekend' })).toBe(200);
    // The largest size was fetched, and only it.
    expect(env.files.downloads).toEqual(['list']);
    const msg = env.handed.at(-1)!;
    expect(msg).toMatchObject({ channel: 'telegram', phone: PHONE, text: 'for the weekend', media: [{ kind: 'image', mimeType: 'image/jpeg', data: PHOTO.toString('base64') }] });

    // What the engine passes on (interpret(text, context, media)) becomes a proposed cart.
    env.fakeGemini.reply({ output: LIST });
    const intent = await env.h.core.interpreter.interpret(msg.text, {}, msg.media);
    expect(intent).toEqual({
      type: 'propose', source: 'image', items: [
        { query: 'loaves of rye', quantity: { kind: 'count', value: 2 }, match: { kind: 'product', sku: 'BAK-RYE' } },
        { query: 'bananas', quantity: { kind: 'count', value: 6 }, match: { kind: 'product', sku: 'FRU-BAN' } },
      ],
    });
    const request = env.fakeGemini.requests.at(-1)!;
    expect(request.inline).toEqual([{ mimeType: 'image/jpeg', data: PHOTO.toString('base64') }]);
    expect(request.grounding).toMatchObject({ message: 'for the weekend', categories: expect.arrayContaining(['Bakery']) });
  });

  it('a WhatsApp voice note (MediaUrl0) is fetched with the account’s basic auth and reads as a proposed cart', async () => {
    env = await start(true);
    const url = env.media.put('MM1', 'ME1', { bytes: VOICE, contentType: 'audio/ogg' });
    const r = await env.h.messaging.send(WA, '', { NumMedia: '1', MediaUrl0: url, MediaContentType0: 'audio/ogg' });
    expect(r.status).toBe(200);
    expect(env.media.requests).toEqual([{ path: '/2010-04-01/Accounts/' + ACCOUNT_SID + '/Messages/MM1/Media/ME1', authorized: true }]);
    const msg = env.handed.at(-1)!;
    expect(msg).toMatchObject({ channel: 'whatsapp', text: '', media: [{ kind: 'audio', mimeType: 'audio/ogg', data: VOICE.toString('base64') }] });

    env.fakeGemini.reply({ output: { type: 'add', items: [{ words: 'tins of tuna', sku: 'PAN-TUN', count: 3 }, { words: 'dragon fruit', sku: 'FRU-DRG', count: 1 }] } });
    expect(await env.h.core.interpreter.interpret(msg.text, {}, msg.media)).toEqual({
      type: 'propose', source: 'audio', items: [
        { query: 'tins of tuna', quantity: { kind: 'count', value: 3 }, match: { kind: 'product', sku: 'PAN-TUN' } },
        // Not a SKU of this store: kept as words, matched nowhere.
        { query: 'dragon fruit', quantity: { kind: 'count', value: 1 }, match: { kind: 'none' } },
      ],
    });
    expect(env.fakeGemini.requests.at(-1)!.inline).toEqual([{ mimeType: 'audio/ogg', data: VOICE.toString('base64') }]);
  });

  it('a Telegram voice note is fetched the same way and sent as audio', async () => {
    env = await start(true);
    env.files.put('note', { bytes: VOICE, contentType: 'audio/ogg' });
    expect(await env.h.telegram.post({ message: {
      message_id: 901, date: 1, chat: { id: 4242, type: 'private' }, from: { id: 4242, is_bot: false, first_name: 'Tess' },
      voice: { file_id: 'note', file_unique_id: 'un', duration: 4, mime_type: 'audio/ogg', file_size: VOICE.length },
    } })).toBe(200);
    expect(env.files.downloads).toEqual(['note']);
    const msg = env.handed.at(-1)!;
    expect(msg).toMatchObject({ channel: 'telegram', text: '', media: [{ kind: 'audio', mimeType: 'audio/ogg', data: VOICE.toString('base64') }] });
    env.fakeGemini.reply({ output: { type: 'add', items: [{ words: 'tins of tuna', sku: 'PAN-TUN', count: 3 }] } });
    expect(await env.h.core.interpreter.interpret(msg.text, {}, msg.media)).toMatchObject({ type: 'propose', source: 'audio', items: [{ match: { kind: 'product', sku: 'PAN-TUN' } }] });
  });

  it('never follows a MediaUrl outside Twilio’s API, and refuses types it cannot read and files over 5 MB', async () => {
    env = await start(true);
    const big = env.media.put('MM2', 'ME2', { bytes: Buffer.alloc(5 * 1024 * 1024 + 1), contentType: 'image/jpeg' });
    const video = env.media.put('MM3', 'ME3', { bytes: Buffer.from('video'), contentType: 'video/mp4' });
    for (const [MediaUrl0, MediaContentType0] of [[`${env.media.url}/2010-04-01/Accounts/${ACCOUNT_SID}/Messages/MM9/Media/ME9`, 'image/jpeg'], [big, 'image/jpeg'], [video, 'video/mp4']]) {
      const r = await env.h.messaging.send(WA, '', { NumMedia: '1', MediaUrl0: MediaUrl0!, MediaContentType0: MediaContentType0! });
      expect(r.messages.join('\n')).toMatch(/I can only read text/);
    }
    // Only the big file was asked for (and dropped past the bound); the foreign URL and the video never.
    expect(env.media.requests.map((q) => q.path)).toEqual([`/2010-04-01/Accounts/${ACCOUNT_SID}/Messages/MM2/Media/ME2`]);
    expect(env.fakeGemini.requests.filter((q) => q.inline.length > 0)).toHaveLength(0);
  });
});

describe('Twilio media fields, as an attacker sends them', () => {
  it('NumMedia over ten still reads the first parts, up to the bound (attack 20)', async () => {
    env = await start(true);
    const url = env.media.put('MM1', 'ME1', { bytes: VOICE, contentType: 'audio/ogg' });
    const r = await env.h.messaging.send(WA, '', { NumMedia: '50', MediaUrl0: url, MediaContentType0: 'audio/ogg' });
    expect(r.status).toBe(200);
    expect(env.media.requests.map((q) => q.path)).toEqual([`/2010-04-01/Accounts/${ACCOUNT_SID}/Messages/MM1/Media/ME1`]);
    expect(env.handed.at(-1)).toMatchObject({ media: [{ kind: 'audio', data: VOICE.toString('base64') }] });
  });

  it('never follows a MediaUrl that leaves the account’s message media by ".." (attack 21)', async () => {
    env = await start(true);
    env.media.put('MM1', 'ME1', { bytes: VOICE, contentType: 'audio/ogg' });
    const account = `https://api.twilio.com/2010-04-01/Accounts/${ACCOUNT_SID}`;
    for (const MediaUrl0 of [
      `${account}/../../x`,
      `${account}/Messages/MM1/Media/ME1/../../../../../Calls/CA1/Recordings/RE1`,
      `${account}/%2e%2e/ACother/Messages/MM1/Media/ME1`,
      `${account}/Messages/MM1/Media/ME1/..%2f..%2f..%2fx`,
      `https://api.twilio.com@evil.example/2010-04-01/Accounts/${ACCOUNT_SID}/Messages/MM1/Media/ME1`,
      `${account}/Calls/CA1/Recordings/RE1`,
    ]) {
      const r = await env.h.messaging.send(WA, '', { NumMedia: '1', MediaUrl0, MediaContentType0: 'audio/ogg' });
      expect(r.messages.join('\n'), MediaUrl0).toMatch(/I can only read text/);
    }
    expect(env.media.requests).toEqual([]);
  });

  it('a Twilio retry of the same message (same MessageSid) does not download the media again (attack 19)', async () => {
    env = await start(true);
    const url = env.media.put('MM1', 'ME1', { bytes: VOICE, contentType: 'audio/ogg' });
    const params = { NumMedia: '1', MediaUrl0: url, MediaContentType0: 'audio/ogg', MessageSid: 'SMretry0000000000000000000000001' };
    await env.h.messaging.send(WA, '', params);
    await env.h.messaging.send(WA, '', params);
    expect(env.media.requests).toHaveLength(1);
    // Another message with the same file is a new download.
    await env.h.messaging.send(WA, '', { ...params, MessageSid: 'SMretry0000000000000000000000002' });
    expect(env.media.requests).toHaveLength(2);
  });
});

describe('pictures and voice notes, with Gemini off', () => {
  it('keeps the polite "I read text" replies and fetches nothing', async () => {
    env = await start(false);
    env.files.put('list', { bytes: PHOTO, contentType: 'image/jpeg' });
    await env.photo();
    expect(env.botApi.sent().at(-1)?.text).toMatch(/I can read text messages/);
    expect(env.botApi.calls.some((c) => c.method === 'getFile')).toBe(false);
    const url = env.media.put('MM1', 'ME1', { bytes: VOICE, contentType: 'audio/ogg' });
    const r = await env.h.messaging.send(WA, '', { NumMedia: '1', MediaUrl0: url, MediaContentType0: 'audio/ogg' });
    expect(r.messages.join('\n')).toMatch(/I can only read text/);
    expect(env.media.requests).toHaveLength(0);
    expect(env.files.downloads).toHaveLength(0);
  });
});
