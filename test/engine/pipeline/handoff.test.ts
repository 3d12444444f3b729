import { describe, expect, it } from 'vitest';
import { conversation } from '../../../src/engine/pipeline/conversation';
import { customer } from '../../../src/engine/pipeline/customer';
import { handoff } from '../../../src/engine/pipeline/handoff';
import { kit, PHONE, stubNext } from './kit';
import { inTurn, storedConversation } from './turn-pieces';

describe('handoff: messages while the customer waits for a person', () => {
  it('the first is acknowledged, later ones are not (until staff answer or the reminder is due); the bot\'s turn never runs', async () => {
    const k = await kit();
    await storedConversation(k, { stage: 'handoff', handoff: { reason: 'asked' } });
    const chain = inTurn(k, customer(k.deps), conversation, handoff(k.deps, k.copy));
    const next = stubNext();
    const first = k.ctx('hello?');
    await chain(first, next);
    expect(first.replies).toEqual([{ key: 'handoff_waiting', text: k.copy.handoffWaiting }]);
    const second = k.ctx('anyone there?');
    await chain(second, next);
    expect(second.replies).toEqual([]);
    k.clock.advance(15);
    const later = k.ctx('still waiting');
    await chain(later, next);
    expect(later.replies.map((r) => r.key)).toEqual(['handoff_waiting']);
    expect(next.calls).toBe(0);
    // The customer is noted as writing from this channel all the same.
    expect((await k.store.getCustomer(PHONE))?.lastChannel).toBe('sms');
  });

  it('any other stage goes on to the bot\'s turn', async () => {
    const k = await kit();
    await storedConversation(k, { stage: 'ordering' });
    const next = stubNext();
    await inTurn(k, customer(k.deps), conversation, handoff(k.deps, k.copy))(k.ctx('2 limes'), next);
    expect(next.calls).toBe(1);
  });
});
