import { describe, expect, it } from 'vitest';
import { WEEKDAYS, type OpeningWindow, type Weekday } from '../../src/domain/settings';
import type { SettingsChange } from '../../src/settings/service';
import { MongoStore } from '../../src/store/mongo/mongo';
import { makeCore, registered, type TestCore } from '../helpers';
import { MONGO_URI, hasMongo } from '../store/mongo-server';
import { STORES } from '../stores';

const PHONE = '+12025550123';
const at = (day: number, hour: number, minute = 0) => Date.UTC(2026, 10, day, hour, minute);
// 2 November 2026 is a Monday; London is on GMT (UTC) then.
const MON = 2, TUE = 3, SAT = 7;
const window = (open: string, close: string): OpeningWindow[] => [{ open, close }];
const HOURS = Object.fromEntries(WEEKDAYS.map((d) => [d, d === 'sun' ? window('09:00', '18:00') : window('08:00', '21:00')])) as Record<Weekday, OpeningWindow[]>;

async function settle(core: TestCore, change: SettingsChange) {
  const { version } = core.settings.current();
  const saved = await core.settings.save({ timeZone: 'Europe/London', hours: HOURS, ...change }, version, 'owner');
  expect(saved.ok).toBe(true);
}

/** Registers, buys limes for pickup, and returns what "yes" to the read-back answered. */
async function orderLimes(core: TestCore, how: 'pickup' | 'delivery' = 'pickup') {
  const c = await registered(core, PHONE);
  await c.say('3 limes');
  await c.say('checkout');
  await c.say(how);
  return c.say('yes');
}

describe.each(STORES)('store settings in the dialogue on the $name store', ({ open }) => {
  const mk = async (change: SettingsChange = {}) => {
    const core = await makeCore({}, await open());
    await settle(core, change);
    return core;
  };

  it('takes an order at 2 a.m. and says it will be prepared when the store opens, in the store\'s time zone', async () => {
    const core = await mk();
    core.clock.t = at(TUE, 2);
    const placed = await orderLimes(core);
    expect(placed).toMatch(/Order ORD-1001 is placed!/);
    expect(placed).toContain('We’re closed now; we’ll prepare your order when we open, today at 8:00.');
    // The same instant is still Monday evening in New York, where the store is open.
    const ny = await mk({ timeZone: 'America/New_York', hours: { ...HOURS, mon: window('08:00', '23:00') } });
    ny.clock.t = at(TUE, 2);
    expect(await orderLimes(ny)).not.toContain('closed');
  });

  it('names the weekday of the next opening after a closed day', async () => {
    const core = await mk({ hours: { ...HOURS, sun: [] } });
    core.clock.t = at(SAT, 22, 30);
    expect(await orderLimes(core)).toContain('We’re closed now; we’ll prepare your order when we open, Monday at 8:00.');
  });

  it('says "at midnight" when the next day is open from its first minute, never "at 0:00"', async () => {
    const allDay = window('00:00', '24:00');
    const core = await mk({ hours: { ...Object.fromEntries(WEEKDAYS.map((d) => [d, allDay])) as Record<Weekday, OpeningWindow[]>, mon: window('08:00', '12:00') } });
    core.clock.t = at(MON, 18);
    const placed = await orderLimes(core);
    expect(placed).toContain('We’re closed now; we’ll prepare your order when we open at midnight tonight.');
    expect(placed).not.toContain('0:00');
  });

  it('on a closure day says so, with its note, and when the order will be prepared', async () => {
    const core = await mk({ closures: [{ date: '2026-11-03', note: 'stocktaking' }] });
    core.clock.t = at(TUE, 10);
    expect(await orderLimes(core)).toContain('We’re closed today (stocktaking); we’ll prepare your order when we open, tomorrow at 8:00.');
  });

  it('after the same-day cut-off says the order is prepared the next opening day', async () => {
    const core = await mk({ sameDayCutoff: '18:00' });
    core.clock.t = at(MON, 19, 15);
    expect(await orderLimes(core)).toContain('Orders placed after 18:00 are prepared the next opening day: we’ll prepare yours tomorrow at 8:00.');
  });

  it('says nothing extra during opening hours', async () => {
    const core = await mk({ sameDayCutoff: '18:00' });
    core.clock.t = at(MON, 10);
    const placed = await orderLimes(core);
    expect(placed).toMatch(/Order ORD-1001 is placed! Total \$1\.47, to collect from the store\. Ask me “where is my order\?” any time\.$/);
  });

  it('answers "are you open?" with the owner\'s hours answer and, at night, when an order would be prepared', async () => {
    const core = await mk();
    await settle(core, { faq: core.settings.current().faq.map((e) => (e.topic === 'hours' ? { ...e, answer: 'We’re open {hours}.' } : e)) });
    core.clock.t = at(MON, 23);
    const c = await registered(core, PHONE);
    expect(await c.say('are you open now?')).toBe('We’re open Mon–Sat 8:00–21:00, Sun 9:00–18:00. We’re closed now; we’ll prepare your order when we open, tomorrow at 8:00.');
    core.clock.t = at(TUE, 12);
    expect(await c.say('are you open now?')).toBe('We’re open Mon–Sat 8:00–21:00, Sun 9:00–18:00.');
  });

  it('answers the FAQ from the settings: a changed answer and a new topic apply to the next message', async () => {
    const core = await mk();
    const c = await registered(core, PHONE);
    expect(await c.say('can I pay by card?')).toContain('cash, card or contactless');
    const faq = core.settings.current().faq.map((e) => (e.topic === 'payment' ? { ...e, answer: 'Card only, please: no cash.' } : e));
    await settle(core, { faq: [...faq, { topic: 'allergens', answer: 'Ask us for the allergen sheet of any product.', keywords: ['allergens'], questions: ['Do you have allergy information?'] }] });
    expect(await c.say('can I pay by card?')).toBe('Card only, please: no cash.');
    expect(await c.say('do you have allergy information?')).toBe('Ask us for the allergen sheet of any product.');
  });

  it('charges the delivery fee of the settings, and tells a delivery below the minimum order what is missing', async () => {
    const core = await mk({ deliveryFeeCents: 250, minimumOrderCents: 1000 });
    const c = await registered(core, PHONE);
    await c.say('3 limes');
    expect(await c.say('checkout')).toContain('$2.50');
    const refused = await c.say('delivery');
    expect(refused).toBe('Delivery orders start at $10.00, and your basket is $1.47 — add $8.53 more and I’ll deliver it. Or choose pickup, which has no minimum.');
    expect(c.options).toEqual(['Pickup', 'Browse']);
    expect(await core.store.listOrders({ phone: PHONE })).toEqual([]);
    // Pickup has no minimum.
    await c.say('pickup');
    expect(await c.say('yes')).toMatch(/Order ORD-1001 is placed! Total \$1\.47/);
    // A basket over the minimum is delivered with the settings' fee.
    await c.say('25 limes');
    await c.say('checkout');
    await c.say('delivery');
    expect(await c.say('yes')).toMatch(/Order ORD-1002 is placed! Total \$\d+\.\d\d, delivered to 12 Main Street/);
    const [, second] = await core.store.listOrders({ phone: PHONE });
    expect(second?.deliveryFeeCents).toBe(250);
  });

  it('greets with the store name of the settings', async () => {
    const core = await mk({ storeName: 'Rosa’s Pantry' });
    expect((await core.engine.handle({ channel: 'web', phone: PHONE, text: 'hi' }))[0]?.text).toContain('Welcome to Rosa’s Pantry');
  });
});

describe.runIf(hasMongo)('store settings across two processes on one MongoDB database', () => {
  it('a change saved through one core is what the other answers with within seconds', async () => {
    const db = `grocer_settings_two_${process.pid}_${Date.now() % 100000}`;
    const a = await makeCore({}, await MongoStore.connect(MONGO_URI, db));
    const b = await makeCore({}, await MongoStore.connect(MONGO_URI, db));
    try {
      for (const core of [a, b]) core.clock.t = at(TUE, 2);
      expect(b.settings.current().version).toBe(1);
      const ask = async () => (await b.engine.handle({ channel: 'web', phone: PHONE, text: 'are you open?' })).map((r) => r.text).join('\n');
      expect(await ask()).not.toContain('closed now');
      await settle(a, {});
      // b answers from the settings it read for up to 2 s (its clock), then reads them again.
      b.clock.t += 1_000;
      expect(await ask()).not.toContain('closed now');
      b.clock.t += 1_000;
      expect(await ask()).toContain('We’re closed now; we’ll prepare your order when we open, today at 8:00.');
      expect(b.settings.current().version).toBe(2);
    } finally {
      await a.store.close();
      await b.store.close();
    }
  });
});
