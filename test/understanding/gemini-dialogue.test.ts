import { afterEach, describe, expect, it } from 'vitest';
import { expectInvariants } from '../helpers';
import { LIST, PHONE, VOICE, WA, startWithMedia, type MediaHarness } from './gemini-channels';

// End to end through the engine: the picture or voice note becomes a proposed cart, read back and reserved only on yes.

let env: MediaHarness | undefined;
afterEach(async () => { await env?.close(); env = undefined; });

describe('a shopping list as a picture or a voice note, through the engine', () => {
  it('a Telegram photo: the bot reads the items back and reserves nothing until the customer confirms', async () => {
    env = await startWithMedia(true);
    env.files.put('list', { bytes: Buffer.from('a photo of a list'), contentType: 'image/jpeg' });
    env.fakeGemini.reply({ output: LIST });
    await env.photo();
    expect(env.fakeGemini.requests.at(-1)!.inline).toHaveLength(1);
    const readBack = env.botApi.sent().slice(-2).map((m) => m.text).join('\n');
    expect(readBack).toMatch(/Rye/);
    expect(readBack).toMatch(/Bananas/);
    expect(await env.h.core.store.getStock('BAK-RYE')).toMatchObject({ reserved: 0 });
    expect(await env.h.core.store.getStock('FRU-BAN')).toMatchObject({ reserved: 0 });

    await env.h.telegram.message(4242, 'yes');
    await env.h.core.outbox.drain();
    expect(await env.h.core.store.getStock('BAK-RYE')).toMatchObject({ reserved: 2 });
    // Bananas are sold by weight: six of them are held as about 720 g.
    expect(await env.h.core.store.getStock('FRU-BAN')).toMatchObject({ reserved: 720 });
    await expectInvariants(env.h.core.store);
  });

  it('a WhatsApp voice note: the same read-back; "no" leaves the cart as it was', async () => {
    env = await startWithMedia(true);
    const url = env.media.put('MM1', 'ME1', { bytes: VOICE, contentType: 'audio/ogg' });
    env.fakeGemini.reply({ output: { type: 'add', items: [{ words: 'tins of tuna', sku: 'PAN-TUN', count: 3 }] } });
    const r = await env.h.messaging.send(WA, '', { NumMedia: '1', MediaUrl0: url, MediaContentType0: 'audio/ogg' });
    expect(r.messages.join('\n')).toMatch(/Tuna/);
    expect(await env.h.core.store.getStock('PAN-TUN')).toMatchObject({ reserved: 0 });
    await env.h.messaging.send(WA, 'no');
    expect(await env.h.core.store.getStock('PAN-TUN')).toMatchObject({ reserved: 0 });
    expect(await env.h.core.store.listHolds({ phone: PHONE, status: 'active' })).toHaveLength(0);
  });

  it('a voice note while Gemini is down: a polite answer, nothing reserved, and the customer can type instead', async () => {
    env = await startWithMedia(true);
    const url = env.media.put('MM1', 'ME1', { bytes: VOICE, contentType: 'audio/ogg' });
    env.fakeGemini.reply({ status: 500 });
    const r = await env.h.messaging.send(WA, '', { NumMedia: '1', MediaUrl0: url, MediaContentType0: 'audio/ogg' });
    expect(r.status).toBe(200);
    expect(r.messages.join('\n')).toContain('I couldn’t make out that picture or voice note');
    expect(await env.h.core.store.listHolds({ phone: PHONE, status: 'active' })).toHaveLength(0);
    expect((await env.h.messaging.send(WA, '3 tins of tuna')).messages.join('\n')).toMatch(/Added 3/);
  });
});
