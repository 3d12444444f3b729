import { describe, expect, it } from 'vitest';
import { kit, PHONE, stubNext } from './kit';
import { inTurn } from './turn-pieces';

describe('record: the turn ended in one write, with the message recorded, its replies and transcript', () => {
  it('records the message done with its replies, keeps its transcript, writes what the turn left and gives the lease back', async () => {
    const k = await kit();
    const c = k.ctx('2 limes', { id: 'SM1' });
    await inTurn(k, async (x) => {
      x.replies = [{ key: 'added', text: 'Added 2 × Limes' }];
      x.write = { customer: { phone: PHONE, name: 'Ana', createdAt: 1 }, conversation: { phone: PHONE, stage: 'ordering', updatedAt: 1, version: 0 } };
    })(c, stubNext());
    expect(await k.store.getMessage(PHONE, c.key)).toMatchObject({ state: 'done', replies: [{ key: 'added', text: 'Added 2 × Limes' }] });
    expect((await k.store.listTranscript(PHONE, 10)).map((e) => `${e.from}: ${e.text}`)).toEqual(['customer: 2 limes', 'bot: Added 2 × Limes']);
    expect((await k.store.getCustomer(PHONE))?.name).toBe('Ana');
    expect(await k.store.getConversation(PHONE)).toMatchObject({ stage: 'ordering', version: 1 });
    expect(await k.store.acquireConversationLease(PHONE, 'another', k.clock.now(), 5000)).toBe(true);
  });

  it('a turn that fails: "trouble", nothing recorded (a retry runs again), what the customer wrote kept, the lease given back', async () => {
    const k = await kit();
    const c = k.ctx('2 limes', { id: 'SM1' });
    await inTurn(k, () => { throw new Error('store down'); })(c, stubNext());
    expect(c.replies).toEqual([{ key: 'trouble', text: k.copy.trouble }]);
    expect(await k.store.getMessage(PHONE, c.key)).toBeUndefined();
    expect((await k.store.listTranscript(PHONE, 10)).map((e) => e.text)).toEqual(['2 limes']);
    expect(await k.store.acquireConversationLease(PHONE, 'another', k.clock.now(), 5000)).toBe(true);
  });

  it('a conversation another process saved meanwhile: "trouble", and neither the customer nor the record is written', async () => {
    const k = await kit();
    const c = k.ctx('2 limes', { id: 'SM1' });
    await inTurn(k, async (x) => {
      await k.store.saveConversation({ phone: PHONE, stage: 'menu', updatedAt: 2, version: 0 });
      x.write = { customer: { phone: PHONE, name: 'Ana', createdAt: 1 }, conversation: { phone: PHONE, stage: 'ordering', updatedAt: 1, version: 0 } };
    })(c, stubNext());
    expect(c.replies.map((r) => r.key)).toEqual(['trouble']);
    expect(await k.store.getCustomer(PHONE)).toBeUndefined();
    expect(await k.store.getMessage(PHONE, c.key)).toBeUndefined();
    expect(await k.store.getConversation(PHONE)).toMatchObject({ stage: 'menu', version: 1 });
  });
});
