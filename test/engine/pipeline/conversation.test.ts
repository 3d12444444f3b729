import { describe, expect, it } from 'vitest';
import { customer } from '../../../src/engine/pipeline/customer';
import { channelOwn } from '../../../src/engine/pipeline/channel';
import { conversation } from '../../../src/engine/pipeline/conversation';
import type { ChannelMiddleware } from '../../../src/engine/pipeline/context';
import { inTurn } from './turn-pieces';
import { kit, PHONE, stubNext } from './kit';
import type { Reply } from '../../../src/domain/types';

describe('customer, the channel\'s own middleware, conversation: the turn\'s customer and conversation read', () => {
  it('someone new starts at the greeting, noted as writing from this channel now', async () => {
    const k = await kit();
    const { ctx, clock } = k;
    const c = ctx('hi', { channel: 'telegram', msg: { replyTo: '4242' } });
    const next = stubNext();
    await inTurn(k, customer(k.deps), channelOwn, conversation)(c, next);
    expect(next.calls).toBe(1);
    expect(c.known).toBeUndefined();
    expect(c.conv).toMatchObject({ phone: PHONE, stage: 'greeting', version: 0 });
    expect(c.customer).toEqual({ phone: PHONE, createdAt: clock.now(), lastChannel: 'telegram', channels: { telegram: { address: '4242', lastInboundAt: clock.now() } } });
  });

  it('a message whose earlier attempt saved the conversation gets that attempt\'s replies, and nothing runs', async () => {
    const k = await kit();
    const { ctx, store, clock } = k;
    const c = ctx('2 limes', { id: 'SM1' });
    const replies: Reply[] = [{ key: 'added', text: 'Added 2 × Limes' }];
    await store.saveConversation({ phone: PHONE, stage: 'ordering', updatedAt: clock.now(), version: 0, lastTurn: { key: c.key, replies } });
    const next = stubNext();
    await inTurn(k, customer(k.deps), conversation)(c, next);
    expect(next.calls).toBe(0);
    expect(c.replies).toEqual(replies);
  });

  it('the channel\'s own middleware runs between, may add to the contact, or end the message', async () => {
    const k = await kit();
    const { ctx } = k;
    const optedIn: ChannelMiddleware = { run: async (x, next) => { x.contact = { optedOut: false }; await next(); } };
    const c = ctx('hi', { use: optedIn });
    await inTurn(k, customer(k.deps), channelOwn, conversation)(c, stubNext());
    expect(c.customer.channels?.sms).toMatchObject({ optedOut: false });
    const silent: ChannelMiddleware = { run: async () => undefined };
    const next = stubNext();
    await inTurn(k, customer(k.deps), channelOwn, conversation)(ctx('hi', { use: silent }), next);
    expect(next.calls).toBe(0);
  });
});
