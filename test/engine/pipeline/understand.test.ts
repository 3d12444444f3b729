import { describe, expect, it } from 'vitest';
import { MAX_MESSAGE_CHARS } from '../../../src/domain/types';
import { OPTION } from '../../../src/engine/copy';
import { understanding } from '../../../src/engine/pipeline/understand';
import { kit, stubNext } from './kit';
import { storedConversation, withTurn } from './turn-pieces';

const keys = (replies: { key: string }[]) => replies.map((r) => r.key);

describe('understanding: what the message means, for the router', () => {
  it('a reading goes on to the router as the action', async () => {
    const k = await kit();
    await storedConversation(k, { stage: 'ordering' });
    const c = k.ctx('2 limes');
    const next = stubNext();
    await withTurn(k, understanding)(c, next);
    expect(next.calls).toBe(1);
    expect(c.action).toMatchObject({ type: 'add' });
  });

  it('nothing written, or too much, is answered here and goes no further', async () => {
    const k = await kit();
    const next = stubNext();
    const empty = k.ctx('  \u200b ');
    await withTurn(k, understanding)(empty, next);
    const long = k.ctx('lime '.repeat(MAX_MESSAGE_CHARS));
    await withTurn(k, understanding)(long, next);
    expect([keys(empty.replies), keys(long.replies)]).toEqual([['no_text'], ['too_long']]);
    expect(next.calls).toBe(0);
  });

  it('a number picks an option on offer; one past them, or a choice not on offer, gets the options again', async () => {
    const k = await kit();
    const options = [OPTION.browse, OPTION.cart];
    const ask = async (text: string, option?: string) => {
      await storedConversation(k, { stage: 'menu', options, version: (await k.store.getConversation('+12025550123'))?.version ?? 0 });
      const c = k.ctx(text, option ? { msg: { option } } : {});
      await withTurn(k, understanding)(c, stubNext());
      return c;
    };
    expect((await ask('2')).action).toMatchObject({ type: 'show_cart' });
    expect(keys((await ask('3')).replies)).toEqual(['pick_number']);
    expect(keys((await ask('', 'place_order:nope')).replies)).toEqual(['pick_one']);
  });
});
