import { describe, expect, it } from 'vitest';
import { cleanText } from '../../../src/engine/pipeline/save';
import { kit, PHONE, stubNext } from './kit';
import { withTurn } from './turn-pieces';

describe('save: the turn begun over the conversation, and saved after the rest', () => {
  it('the replies said by the rest are the message\'s, and saved with the conversation so a retry can replay them', async () => {
    const k = await kit();
    const c = k.ctx('  hello\u200b   there ', { id: 'SM1' });
    await withTurn(k)(c, stubNext(() => {
      expect(c.turn.text).toBe('hello there');
      c.turn.say('welcome_new', 'Hi!', [{ id: 'browse', label: 'Browse' }]);
    }));
    expect(c.replies).toEqual([{ key: 'welcome_new', text: 'Hi!', options: [{ id: 'browse', label: 'Browse' }] }]);
    const conv = await k.store.getConversation(PHONE);
    expect(conv).toMatchObject({ updatedAt: k.clock.now(), options: [{ id: 'browse', label: 'Browse' }], lastTurn: { key: c.key, replies: c.replies }, held: [] });
    expect(await k.store.getCustomer(PHONE)).toMatchObject({ phone: PHONE, lastChannel: 'sms' });
  });

  it('nothing is saved when the rest fails ("trouble"; nothing recorded, so a retry runs the turn again)', async () => {
    const k = await kit();
    const c = k.ctx('hi', { id: 'SM1' });
    await withTurn(k)(c, stubNext(() => { throw new Error('interpreter down'); }));
    expect(c.replies.map((r) => r.key)).toEqual(['trouble']);
    expect(await k.store.getMessage(PHONE, c.key)).toBeUndefined();
    expect(await k.store.getConversation(PHONE)).toBeUndefined();
    expect(await k.store.getCustomer(PHONE)).toBeUndefined();
  });

  it('cleanText drops control characters and tidies whitespace', () => {
    expect(cleanText('\u0007 2\tlimes\n\n please\ufeff ')).toBe('2 limes please');
  });
});
