import { describe, expect, it } from 'vitest';
import type { Reply } from '../../src/domain/types';
import { runJob } from '../../src/jobs/handlers';
import { expectInvariants, makeCore, registered, setStock, type TestCore } from '../helpers';
import { STORES } from '../stores';

const OAT = 'DAI-MLK-OAT';

/** What the outbox was asked to send, by phone: the replies as the engine made them (options and all). */
function pushed(core: TestCore): { phone: string; reply: Reply }[] {
  const sent: { phone: string; reply: Reply }[] = [];
  core.outbox.use('web', { keepsTranscript: true, send: async (m) => { sent.push({ phone: m.phone, reply: m.reply }); return {}; } });
  return sent;
}

/** Waits for what a restock started: the announcement, then the outbox's sends. */
async function told(core: TestCore): Promise<void> {
  await core.backInStock.drain();
  await core.outbox.drain();
}

/** Nothing left on the shelf: every unit received is sold or held. */
async function soldOut(core: TestCore, sku: string): Promise<void> {
  const s = (await core.store.getStock(sku))!;
  expect((await core.catalog.patch(sku, { stock: s.reserved + s.sold })).ok).toBe(true);
}

describe.each(STORES)('back in stock, on the $name store', ({ open }) => {
  it('a sold-out add offers "tell me when it\'s back"; yes records it; a restock tells once; the tap adds it', async () => {
    const core = await makeCore({}, await open());
    const sent = pushed(core);
    await soldOut(core, OAT);
    const ana = await registered(core, '+12025550131');
    const said = await ana.say('2 oat milk please');
    expect(said).toContain('Sorry, Oat Milk (1 L) is out of stock right now.');
    expect(said).toContain('Shall I tell you when Oat Milk (1 L) is back?');
    expect(ana.options).toEqual(['Yes, tell me', 'No thanks']);
    expect(await ana.say('yes please')).toContain('I’ll message you when Oat Milk (1 L) is back in stock.');
    expect(await core.store.listWishesOf(ana.phone)).toEqual([expect.objectContaining({ sku: OAT, at: core.clock.now() })]);
    expect(await core.store.countWaitingWishes()).toEqual({ [OAT]: 1 });

    core.clock.advance(60);
    expect((await core.catalog.restock(OAT, 6)).ok).toBe(true);
    await told(core);
    expect(sent).toEqual([{ phone: ana.phone, reply: expect.objectContaining({ key: 'back_in_stock', text: 'Good news — Oat Milk (1 L) is back in stock at Corner Grocer. Add 1 to your cart?' }) }]);
    expect(sent[0]!.reply.options).toEqual([{ id: `add:${OAT}`, label: 'Yes, add 1' }, { id: 'no', label: 'No thanks' }]);
    // A second restock, and the job, tell no one again.
    await core.catalog.restock(OAT, 2);
    expect(await runJob(core, 'back-in-stock')).toBe(0);
    await told(core);
    expect(sent).toHaveLength(1);
    expect(await core.store.countWaitingWishes()).toEqual({});

    core.clock.advance(5);
    expect(await ana.choose(`add:${OAT}`)).toContain('Added 1 × Oat Milk (1 L)');
    expect((await core.store.getStock(OAT))!.reserved).toBe(1);
    // Answered: the wish is gone, and a later "yes" means nothing about it.
    expect(await core.store.listWishesOf(ana.phone)).toEqual([]);
    await expectInvariants(core.store);
  });

  it('"yes" or "1" to the notice adds one; the notice asked, anything else is handled as usual and ends it', async () => {
    const core = await makeCore({}, await open());
    pushed(core);
    await soldOut(core, OAT);
    const ben = await registered(core, '+12025550132');
    const cy = await registered(core, '+12025550133');
    const di = await registered(core, '+12025550134');
    for (const c of [ben, cy, di]) {
      expect(await c.say('do you have oat milk?')).toContain('Oat Milk (1 L) ($2.49 each) is sold out right now.');
      expect(await c.say('Yes')).toContain('I’ll message you');
    }
    core.clock.advance(60);
    await core.catalog.restock(OAT, 10);
    await told(core);
    expect(await ben.say('yes')).toContain('Added 1 × Oat Milk (1 L)');
    expect(await cy.say('1')).toContain('Added 1 × Oat Milk (1 L)');
    const other = await di.say('3 limes');
    expect(other).toContain('Added 3 × Limes');
    expect(other).not.toContain('Oat Milk');
    expect(await di.say('yes')).not.toContain('Oat Milk');
    expect((await core.store.getStock(OAT))!.reserved).toBe(2);
  });

  it('"no" moves on; anything else than yes or no to the offer is handled as usual, and no wish is kept', async () => {
    const core = await makeCore({}, await open());
    await soldOut(core, OAT);
    const ed = await registered(core, '+12025550135');
    await ed.say('add oat milk');
    const no = await ed.say('no thanks');
    expect(no).toContain('No problem.');
    expect(no).toContain('Your cart is empty');
    await ed.say('add oat milk');
    expect(await ed.say('2 limes')).toContain('Added 2 × Limes');
    expect(await core.store.listWishesOf(ed.phone)).toEqual([]);
  });

  it('a customer already waiting hears so, not asked again; asking when it is back in stock ends the wait', async () => {
    const core = await makeCore({}, await open());
    const sent = pushed(core);
    await soldOut(core, OAT);
    const fay = await registered(core, '+12025550136');
    await fay.say('oat milk');
    await fay.say('yes');
    const again = await fay.say('do you have oat milk');
    expect(again).toContain('I’ll message you when Oat Milk (1 L) is back in stock.');
    expect(again).not.toContain('Shall I tell you');
    // Back on the shelf, but not told yet (the restock went round the event): asking again ends the wish.
    await core.store.receiveStock(OAT, 4);
    expect(await fay.say('do you have oat milk')).toContain('in stock');
    expect(await core.store.listWishesOf(fay.phone)).toEqual([]);
    expect(await runJob(core, 'back-in-stock')).toBe(0);
    await told(core);
    expect(sent).toEqual([]);
  });

  it('a new order with the product ends the wish', async () => {
    const core = await makeCore({}, await open());
    const sent = pushed(core);
    await soldOut(core, OAT);
    const gus = await registered(core, '+12025550137');
    await gus.say('oat milk');
    await gus.say('yes');
    // One came back to the shelf (a cart let go of it) and went into Gus's cart without his asking again.
    await core.store.receiveStock(OAT, 1);
    expect((await core.inventory.setLine(gus.phone, OAT, 1)).ok).toBe(true);
    await gus.say('checkout');
    await gus.say('delivery');
    expect(await gus.say('yes')).toMatch(/is placed/);
    expect(await core.store.listWishesOf(gus.phone)).toEqual([]);
    await core.catalog.restock(OAT, 5);
    await told(core);
    expect(sent).toEqual([]);
  });

  it('the sold-out product a tap finds gone again is said honestly, and the wish offered again', async () => {
    const core = await makeCore({}, await open());
    pushed(core);
    await soldOut(core, OAT);
    const hal = await registered(core, '+12025550139');
    await hal.say('oat milk');
    await hal.say('yes');
    core.clock.advance(1);
    await core.catalog.restock(OAT, 1);
    await told(core);
    await core.inventory.setLine('+12025550140', OAT, 1);
    const tapped = await hal.say('yes');
    expect(tapped).toContain('Sorry — Oat Milk (1 L) has sold out again already.');
    expect(tapped).toContain('Shall I tell you when Oat Milk (1 L) is back?');
    expect(await hal.say('yes')).toContain('I’ll message you');
    expect(await core.store.countWaitingWishes()).toEqual({ [OAT]: 1 });
  });

  it('a product the owner hid keeps its customers waiting; shown and on the shelf, they are told', async () => {
    const core = await makeCore({}, await open());
    const sent = pushed(core);
    await soldOut(core, OAT);
    const ivy = await registered(core, '+12025550141');
    await ivy.say('oat milk');
    await ivy.say('yes');
    expect((await core.catalog.patch(OAT, { active: false })).ok).toBe(true);
    await core.catalog.restock(OAT, 3);
    await told(core);
    expect(sent).toEqual([]);
    expect(await core.store.countWaitingWishes()).toEqual({ [OAT]: 1 });
    expect((await core.catalog.patch(OAT, { active: true })).ok).toBe(true);
    expect(await runJob(core, 'back-in-stock')).toBe(1);
    await told(core);
    expect(sent.map((m) => m.reply.key)).toEqual(['back_in_stock']);
  });
});

/** A customer who found the oat milk sold out and said "yes, tell me". */
async function waitingForOat(core: TestCore, phone: string) {
  const c = await registered(core, phone);
  expect(await c.say('oat milk')).toContain('Shall I tell you when Oat Milk (1 L) is back?');
  expect(await c.say('yes')).toContain('I’ll message you');
  return c;
}

/** The customer opted out on every channel the store could reach them on. */
async function optedOutEverywhere(core: TestCore, phone: string) {
  for (const channel of ['web', 'sms', 'telegram', 'whatsapp'] as const) await core.store.putChannelState({ phone, channel, optedOutAt: core.clock.now(), updatedAt: core.clock.now() });
}

const NOTICE = 'Good news — Oat Milk (1 L) is back in stock at Corner Grocer. Add 1 to your cart?';

describe.each(STORES)('a back-in-stock notice and the question on the table, on the $name store', ({ open }) => {
  it('a notice no channel could carry (opted out everywhere) puts nothing on the table: "yes" adds nothing, and the wish ends', async () => {
    const core = await makeCore({}, await open());
    const sent = pushed(core);
    await soldOut(core, OAT);
    const jo = await waitingForOat(core, '+12025550151');
    await optedOutEverywhere(core, jo.phone);
    core.clock.advance(1);
    await core.catalog.restock(OAT, 6);
    await told(core);
    expect(sent).toEqual([]);
    const yes = await jo.say('yes');
    expect(yes).not.toContain('Oat Milk');
    expect((await core.store.getStock(OAT))!.reserved).toBe(0);
    expect(await core.store.listWishesOf(jo.phone)).toEqual([]);
    expect(await runJob(core, 'back-in-stock')).toBe(0);
  });

  it('at the read-back, opted out everywhere, a restock sends nothing and "yes" places the order', async () => {
    const core = await makeCore({}, await open());
    const sent = pushed(core);
    await soldOut(core, OAT);
    const kim = await waitingForOat(core, '+12025550152');
    await kim.say('3 limes');
    await kim.say('checkout');
    expect(await kim.say('pickup')).toContain('Shall I place it?');
    await optedOutEverywhere(core, kim.phone);
    core.clock.advance(1);
    await core.catalog.restock(OAT, 6);
    await told(core);
    expect(sent).toEqual([]);
    const yes = await kim.say('yes');
    expect(yes).toMatch(/is placed/);
    expect(yes).not.toContain('Oat Milk');
    const [placed] = await core.store.listOrders({ phone: kim.phone });
    expect(placed?.lines.map((l) => l.sku)).toEqual(['FRU-LIM']);
    expect((await core.store.getStock(OAT))!.reserved).toBe(0);
  });

  it('the usual proposed, then the notice: "yes" accepts the usual, then the notice is asked again; "yes" adds the oat milk', async () => {
    const core = await makeCore({}, await open());
    pushed(core);
    const lu = await registered(core, '+12025550153');
    await lu.say('3 limes');
    await lu.say('checkout');
    await lu.say('pickup');
    expect(await lu.say('yes')).toMatch(/is placed/);
    await soldOut(core, OAT);
    expect(await lu.say('oat milk')).toContain('Shall I tell you when Oat Milk (1 L) is back?');
    expect(await lu.say('yes')).toContain('I’ll message you');
    const usual = await lu.say('my usual');
    expect(usual, usual).toContain('Shall I add it to your cart?');
    core.clock.advance(1);
    await core.catalog.restock(OAT, 6);
    await told(core);
    const yes = await lu.say('yes');
    expect(yes).toContain('Added 3 × Limes');
    expect(yes).not.toContain('Added 1 × Oat Milk');
    expect(yes.endsWith(NOTICE)).toBe(true);
    expect(lu.options).toEqual(['Yes, add 1', 'No thanks']);
    expect(await lu.say('yes')).toContain('Added 1 × Oat Milk (1 L)');
    expect(await core.store.listWishesOf(lu.phone)).toEqual([]);
  });

  it('the read-back on the table, then the notice: "yes" places the order, then the notice is asked again', async () => {
    const core = await makeCore({}, await open());
    pushed(core);
    await soldOut(core, OAT);
    const max = await waitingForOat(core, '+12025550154');
    await max.say('3 limes');
    await max.say('checkout');
    expect(await max.say('pickup')).toContain('Shall I place it?');
    core.clock.advance(1);
    await core.catalog.restock(OAT, 6);
    await told(core);
    const yes = await max.say('yes');
    expect(yes).toMatch(/is placed/);
    expect(yes.endsWith(NOTICE)).toBe(true);
    const [placed] = await core.store.listOrders({ phone: max.phone });
    expect(placed?.lines.map((l) => l.sku)).toEqual(['FRU-LIM']);
    expect(await max.say('no thanks')).toContain('No problem.');
    expect(await core.store.listWishesOf(max.phone)).toEqual([]);
    expect((await core.store.getStock(OAT))!.reserved).toBe(0);
  });

  it('the slot question on the table, then the notice: "1" picks the first slot, the read-back waits, then the notice is asked', async () => {
    const core = await makeCore({}, await open());
    pushed(core);
    const rules = (['mon', 'tue', 'wed', 'thu', 'fri'] as const).map((weekday) => ({ weekday, from: '09:00', to: '17:00', capacity: 5 }));
    expect((await core.settings.save({ timeZone: 'Europe/London', slots: rules, slotLeadMinutes: 60 }, core.settings.current().version, 'owner')).ok).toBe(true);
    core.clock.t = Date.UTC(2026, 10, 2, 7, 0); // Monday 2 November 2026, 7:00 in London
    await soldOut(core, OAT);
    const ola = await waitingForOat(core, '+12025550156');
    await ola.say('2 limes');
    await ola.say('checkout');
    await ola.say('pickup');
    expect(ola.options[0]).toBe('Monday 2 Nov, 9:00–17:00');
    core.clock.advance(1);
    await core.catalog.restock(OAT, 6);
    await told(core);
    const one = await ola.say('1');
    expect(one).toContain('Ready to collect Monday 2 Nov, 9:00–17:00');
    expect(one).not.toContain('Oat Milk');
    const yes = await ola.say('yes');
    expect(yes).toMatch(/is placed/);
    expect(yes.endsWith(NOTICE)).toBe(true);
    expect(await ola.say('1')).toContain('Added 1 × Oat Milk (1 L)');
  });

  it('the store’s substitution awaiting an answer, then the notice: "yes" answers the substitution, then the notice is asked again', async () => {
    const core = await makeCore({}, await open());
    pushed(core);
    const ned = await registered(core, '+12025550155');
    await ned.say('2 almond milk');
    await ned.say('checkout');
    await ned.say('pickup');
    expect(await ned.say('yes')).toMatch(/is placed/);
    const [order] = await core.store.listOrders({ phone: ned.phone });
    await soldOut(core, OAT);
    await waitingForOatAgain(ned);
    const proposed = await core.changes.propose(order!.id, [{ sku: 'DAI-MLK-ALM', action: 'substitute', substituteSku: 'DAI-MLK-WHL' }], { kind: 'admin' });
    expect(proposed.ok).toBe(true);
    core.clock.advance(1);
    await core.catalog.restock(OAT, 6);
    await told(core);
    const yes = await ned.say('yes');
    expect(yes).toContain(`your order ${order!.id} is updated`);
    expect(yes).not.toContain('Added 1 × Oat Milk');
    expect(yes.endsWith(NOTICE)).toBe(true);
    expect((await core.store.getOrder(order!.id))!.changes?.map((c) => c.status)).toEqual(['accepted']);
    expect(await ned.say('yes')).toContain('Added 1 × Oat Milk (1 L)');
  });
});

/** A registered customer who now finds the oat milk sold out and says "yes, tell me". */
async function waitingForOatAgain(c: Awaited<ReturnType<typeof registered>>) {
  expect(await c.say('oat milk')).toContain('Shall I tell you when Oat Milk (1 L) is back?');
  expect(await c.say('yes')).toContain('I’ll message you');
}
