import { describe, expect, it } from 'vitest';
import { reconcile } from '../../src/inventory/reconcile';
import { customer, expectInvariants, makeCore, registered, setStock, silentLog, type TestCore } from '../helpers';
import { STORES } from '../stores';
import { FaultyStore, type FaultMode } from './faulty-store';
import { MemoryStore } from '../../src/store/memory';
import type { EngineDeps } from '../../src/engine/turn';
import type { PhoneLimiter } from '../../src/limits/phone-limiter';

const TROUBLE = /trouble on our side/;

interface Scenario {
  name: string;
  /** Puts the customer where the message under test makes sense. */
  setup(c: Awaited<ReturnType<typeof registered>>): Promise<void>;
  text: string;
  /** What must be true after the message was retried, once the first attempt failed at any point. */
  check(core: TestCore, phone: string, reply: string): Promise<void>;
}

const limes = async (core: TestCore, phone: string) =>
  (await core.store.listHolds({ phone, status: 'active' })).filter((h) => h.sku === 'FRU-LIM').map((h) => h.qty);

const SCENARIOS: Scenario[] = [
  {
    name: 'adding a new line',
    setup: async () => {},
    text: '2 limes',
    check: async (core, phone, reply) => {
      expect(reply).toContain('Added 2 × Limes');
      expect(await limes(core, phone)).toEqual([2]);
    },
  },
  {
    name: 'adding to a line already in the cart',
    setup: async (c) => { await c.say('3 limes'); },
    text: 'add 2 limes',
    check: async (core, phone, reply) => {
      expect(reply).toMatch(/Added 2 × Limes/);
      expect(await limes(core, phone)).toEqual([5]);
    },
  },
  {
    name: 'two items in one message',
    setup: async (c) => { await c.say('a lemon'); },
    text: '2 limes and 3 lemons',
    check: async (core, phone, reply) => {
      expect(reply).toMatch(/Added 2 × Limes/);
      expect(await limes(core, phone)).toEqual([2]);
      const lemons = (await core.store.listHolds({ phone, status: 'active' })).filter((h) => h.sku === 'FRU-LEM');
      expect(lemons.map((h) => h.qty)).toEqual([4]);
    },
  },
  {
    name: 'lowering a line',
    setup: async (c) => { await c.say('6 limes'); },
    text: 'make it 2',
    check: async (core, phone, reply) => {
      expect(reply).toContain('Updated: 2 × Limes');
      expect(await limes(core, phone)).toEqual([2]);
    },
  },
  {
    name: 'confirming a checkout',
    setup: async (c) => { for (const t of ['4 limes', 'a lemon', 'checkout', 'pickup']) await c.say(t); },
    text: 'yes',
    check: async (core, phone, reply) => {
      const orders = await core.store.listOrders({ phone });
      expect(orders).toHaveLength(1);
      expect(reply).toContain(`Order ${orders[0]!.id} is placed! Total $2.55`);
      // Both lines, once each (a checkout finished after a crash may list them in another order).
      expect(orders[0]!.lines.map((l) => [l.sku, l.qty]).sort()).toEqual([['FRU-LEM', 1], ['FRU-LIM', 4]]);
      expect(await core.store.listHolds({ phone, status: 'active' })).toEqual([]);
    },
  },
  {
    name: 'confirming a cancellation',
    setup: async (c) => { for (const t of ['4 limes', 'checkout', 'pickup', 'yes', 'cancel my order']) await c.say(t); },
    text: 'yes',
    check: async (core, phone, reply) => {
      const orders = await core.store.listOrders({ phone });
      expect(orders.map((o) => o.status)).toEqual(['cancelled']);
      expect(reply).toContain(`Order ${orders[0]!.id} is cancelled`);
      expect(await core.store.listHolds({ phone, status: 'converted' })).toEqual([]);
    },
  },
];

describe.each(STORES)('on the $name store', ({ name, open }) => {
  // On a real server every turn costs milliseconds: there, a sample of the fault points.
  const stride = name === 'memory' ? 1 : 5;

  describe.each(['before', 'after'] as FaultMode[])('a store call that fails %s it is made, at every point of a turn', (mode) => {
    it.each(SCENARIOS)('$name: the retry of the same message id gives exactly the intended result, once', async (scenario) => {
      const faulty = new FaultyStore(await open());
      const core = await makeCore({ RATE_PER_MINUTE: '10000' }, faulty.store);
      await setStock(core, 'FRU-LIM', 10_000);
      await setStock(core, 'FRU-LEM', 10_000);
      let points = 0;
      let calls = 0;
      for (let k = 0; ; k += stride) {
        const phone = `+1202555${String(1000 + k).padStart(4, '0')}`;
        const c = await registered(core, phone);
        await scenario.setup(c);
        faulty.arm(k, mode);
        const first = await core.engine.handle({ channel: 'sms', phone, text: scenario.text, messageId: 'SM-1' });
        faulty.disarm();
        if (!faulty.fired) {
          // k is past the last call of the turn: the message went through untouched.
          await scenario.check(core, phone, first.map((r) => r.text).join('\n'));
          calls = k;
          break;
        }
        points += 1;
        const where = `fault ${mode} call ${k} (${faulty.failed})`;
        const firstText = first.map((r) => r.text).join('\n');
        if (!TROUBLE.test(firstText)) {
          // Only a failure after the turn was committed is absorbed: the customer already has the real answer.
          expect(['endTurn', 'releaseConversationLease'], where).toContain(faulty.failed);
          await scenario.check(core, phone, firstText);
        }
        const retried = await core.engine.handle({ channel: 'sms', phone, text: scenario.text, messageId: 'SM-1' });
        const text = retried.map((r) => r.text).join('\n');
        await scenario.check(core, phone, text).catch((err: Error) => {
          throw new Error(`${where}: ${err.message}\nreply: ${text}`);
        });
        // A third delivery of the same id is a duplicate of a finished message: the same replies, nothing changed.
        expect(await core.engine.handle({ channel: 'sms', phone, text: scenario.text, messageId: 'SM-1' }), where).toEqual(retried);
        await scenario.check(core, phone, text);
      }
      // The turn really made store calls, and every stride-th of them was made to fail.
      expect(calls).toBeGreaterThan(5);
      expect(points).toBe(Math.ceil(calls / stride));
      // A turn that dies between a hold's change and its counter's can leave stock reserved that no hold
      // holds: always on the safe side (never sold twice), and the reconciler (every RECONCILE_MINUTES) gives it back.
      const report = await reconcile(core.store, core.clock, silentLog, { settleMs: 0, orphanGraceMs: 60 * 60_000 });
      expect(report.oversold).toEqual([]);
      for (const r of report.repaired) expect(r.after.available, r.sku).toBeGreaterThanOrEqual(r.before.available);
      await expectInvariants(core.store);
    }, 180_000);
  });

  describe('message ids belong to one channel and one phone', () => {
    it('another phone sending the same message id gets its own answer, and never the first customer’s', async () => {
      const core = await makeCore({}, await open());
      const ana = await registered(core, '+12025550101', 'Ana', '12 Main Street, Springfield');
      const bob = await registered(core, '+12025550102', 'Bob', '7 Elm Road, Shelbyville');
      for (const t of ['2 limes', 'checkout']) await ana.say(t);
      const anas = await core.engine.handle({ channel: 'api', phone: ana.phone, text: 'delivery', messageId: 'same-id' });
      expect(anas.map((r) => r.text).join('\n')).toContain('12 Main Street');
      await bob.say('3 lemons');
      const bobs = await core.engine.handle({ channel: 'api', phone: bob.phone, text: 'show my cart', messageId: 'same-id' });
      const said = bobs.map((r) => r.text).join('\n');
      expect(said).toContain('3 × Lemons');
      expect(said).not.toMatch(/Main Street|Limes/);
      // Ana's duplicate still replays Ana's answer, to Ana.
      expect(await core.engine.handle({ channel: 'api', phone: ana.phone, text: 'delivery', messageId: 'same-id' })).toEqual(anas);
    });

    it('a message whose turn failed is not answered from its record: its retry runs', async () => {
      const faulty = new FaultyStore(await open());
      const core = await makeCore({}, faulty.store);
      const c = await registered(core, '+12025550103');
      faulty.arm(3);
      expect((await core.engine.handle({ channel: 'telegram', phone: c.phone, text: '2 limes', messageId: 'u-9' }, { duplicates: 'silent' }))[0]!.text).toMatch(TROUBLE);
      faulty.disarm();
      // A webhook redelivery (duplicates silent) of a message that failed is handled, not swallowed.
      const again = await core.engine.handle({ channel: 'telegram', phone: c.phone, text: '2 limes', messageId: 'u-9' }, { duplicates: 'silent' });
      expect(again[0]!.text).toContain('Added 2 × Limes');
      expect(await core.engine.handle({ channel: 'telegram', phone: c.phone, text: '2 limes', messageId: 'u-9' }, { duplicates: 'silent' })).toEqual([]);
      expect(await customer(core, c.phone).say('show my cart')).toContain('2 × Limes');
      await expectInvariants(core.store);
    });
  });
});

describe('a redelivery that runs first in another process', () => {
  it('is not run again by the first delivery when it gets its turn: both answer the same, the stage moves once', async () => {
    const store = new MemoryStore();
    const a = await makeCore({}, store);
    const b = await makeCore({}, store);
    // Process A's limiter answers late (a slow Redis): A has recorded the message and waits.
    let open!: () => void;
    const late = new Promise<void>((resolve) => { open = resolve; });
    (a.engine as unknown as { deps: EngineDeps }).deps.limiter = { take: async () => { await late; return 'ok'; } } as unknown as PhoneLimiter;
    const msg = { channel: 'web' as const, phone: '+15550001111', text: 'hello', messageId: 'm1' };
    const first = a.engine.handle(msg);
    await new Promise((resolve) => setTimeout(resolve, 20));
    const redelivered = await b.engine.handle(msg);
    open();
    const answered = await first;
    expect(redelivered[0]!.key).toBe('welcome_new');
    expect(answered.map((r) => r.key)).toEqual(redelivered.map((r) => r.key));
    // "hello" was read once: the bot still asks for the name the first time, not again.
    expect((await store.getConversation(msg.phone))?.nameAsks).toBe(1);
  });
});

describe('a message held back by the rate limit', () => {
  it('sent again with the same id is not taken for a retry of a turn that began: it is answered as held back', async () => {
    const core = await makeCore({ RATE_PER_MINUTE: '2' });
    const c = customer(core, '+15550002222');
    await c.say('hi', 'r1');
    await c.say('Ana', 'r2');
    expect(await c.say('pickup', 'r3')).toMatch(/one moment|moment/i);
    const again = await core.engine.handle({ channel: 'web', phone: '+15550002222', text: 'pickup', messageId: 'r3' });
    expect(again.map((r) => r.key)).toEqual(['one_moment']);
    expect((await core.store.getMessage('+15550002222', 'web:+15550002222:r3'))?.state).toBe('done');
  });
});
