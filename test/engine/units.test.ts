import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { expectInvariants, makeCore, registered } from '../helpers';
import { STORES } from '../stores';

const SHELF_LABELS = fileURLToPath(new URL('../catalog/fixtures/shelf-labels.json', import.meta.url));

describe.each(STORES)('on the $name store, with products labelled as the shelves are', ({ open }) => {
  const mk = async () => makeCore({ CATALOG_FILE: SHELF_LABELS }, await open());
  const PHONE = '+12025550177';

  it('takes each label as customers say it, reads it back with the label, and places the order', async () => {
    const core = await mk();
    const c = await registered(core, PHONE);

    expect(await c.say('two bottles of milk')).toContain('Added 2 bottles of Whole Milk — $4.58.');
    expect(await c.say('a jar of honey')).toContain('Added 1 jar of Clover Honey — $5.99.');
    expect(await c.say('3 packs of butter')).toContain('Added 3 packs of Salted Butter — $10.47.');
    expect(await c.say('2 loaves of rye')).toContain('Added 2 loaves of Rye Bread — $7.58.');
    expect(await c.say('two bags of basmati rice')).toContain('Added 2 bags of Basmati Rice — $12.98.');
    expect(await c.say('2 punnets of strawberries and a tin of tuna')).toMatch(/Added 2 punnets of Strawberries — \$7\.98\.\nAdded 1 tin of Tuna Chunks — \$1\.79\./);
    expect(await c.say('2 boxes of cornflakes')).toContain('Added 2 boxes of Cornflakes — $7.98.');
    expect(await c.say('another jar of honey')).toContain('Added 1 jar of Clover Honey — $5.99 (2 jars in your cart now).');

    expect(await c.say('checkout')).toMatch(/Shall we deliver/);
    expect(await c.say('delivery')).toBe([
      'Here’s your order:',
      '• 2 bottles of Whole Milk — $4.58',
      '• 2 jars of Clover Honey — $11.98',
      '• 3 packs of Salted Butter — $10.47',
      '• 2 loaves of Rye Bread — $7.58',
      '• 2 bags of Basmati Rice — $12.98',
      '• 2 punnets of Strawberries — $7.98',
      '• 1 tin of Tuna Chunks — $1.79',
      '• 2 boxes of Cornflakes — $7.98',
      'Delivery to 12 Main Street, Springfield: $3.99',
      'Total: $69.33',
      'Shall I place it?',
    ].join('\n'));
    expect(await c.say('yes')).toMatch(/Order ORD-1001 is placed! Total \$69\.33/);
    const [order] = await core.store.listOrders({ phone: PHONE });
    expect(order!.lines.find((l) => l.sku === 'BAK-RYE')).toMatchObject({ unit: 'loaf', qty: 2, lineTotalCents: 758 });
    expect(await core.store.getStock('PAN-HON')).toMatchObject({ received: 30, available: 28, sold: 2 });
    await expectInvariants(core.store);
  });

  it('weighs lb and oz products in grams, reads them back in their unit, and prices them to the cent', async () => {
    const core = await mk();
    const c = await registered(core, PHONE);

    // 1.5 lb is 680 g, read back as 1.5 lb: 1.5 × $4.99 = $7.485 → $7.49.
    expect(await c.say('1.5 lb of ground beef')).toContain('Added 1.5 lb Ground Beef — $7.49.');
    // 8 oz is 227 g: 8 × $0.62 = $4.96.
    expect(await c.say('8 oz cheddar')).toContain('Added 8 oz Sharp Cheddar — $4.96.');
    // Half a pound of an oz product is 227 g, read back as 8 oz: 8 × $0.75 = $6.00.
    expect(await c.say('half a pound of ham')).toContain('Added 8 oz Deli Ham — $6.00.');
    // Ten grams of a kg product is ten grams, not a question: 0.01 × $1.29 = 1.29 cents → 1 cent.
    expect(await c.say('10 g carrots')).toContain('Added 10 g Carrots — $0.01.');
    expect(await c.say('20 g saffron')).toContain('Added 20 g Saffron — $17.80.');

    expect(await core.store.getStock('MEA-BEF-GRD')).toMatchObject({ received: 9072, reserved: 680 });
    expect(await core.store.getStock('DEL-CHD')).toMatchObject({ reserved: 227 });
    expect(await core.store.getStock('DEL-HAM')).toMatchObject({ reserved: 227 });
    expect(await core.store.getStock('VEG-CAR')).toMatchObject({ reserved: 10 });

    expect(await c.say('show my cart')).toMatch([
      'Your cart:',
      '• 1.5 lb Ground Beef — $7.49',
      '• 8 oz Sharp Cheddar — $4.96',
      '• 8 oz Deli Ham — $6.00',
      '• 10 g Carrots — $0.01',
      '• 20 g Saffron — $17.80',
      'Total: $36.26',
    ].join('\n'));
    await c.say('checkout');
    await c.say('pickup');
    expect(await c.say('yes')).toMatch(/Total \$36\.26/);
    const [order] = await core.store.listOrders({ phone: PHONE });
    expect(order!.lines.map((l) => [l.sku, l.unit, l.qty, l.lineTotalCents])).toEqual([
      ['MEA-BEF-GRD', 'lb', 680, 749],
      ['DEL-CHD', 'oz', 227, 496],
      ['DEL-HAM', 'oz', 227, 600],
      ['VEG-CAR', 'kg', 10, 1],
      ['PAN-SAF', 'g', 20, 1780],
    ]);
    await expectInvariants(core.store);
  });

  it('quotes prices by the label and asks how many of it', async () => {
    const core = await mk();
    const c = await registered(core, PHONE);

    const honey = await c.say('how much is a jar of honey');
    expect(honey).toContain('Clover Honey: $5.99 a jar, 30 jars in stock.');
    expect(honey).toContain('How many jars would you like?');
    expect(await c.say('2 jars')).toContain('Added 2 jars of Clover Honey — $11.98.');
    expect(await c.say('how much is ground beef')).toContain('Ground Beef: $4.99/lb, 20 lb in stock.');
    expect(await c.say('how much is the cheddar')).toContain('Sharp Cheddar: $0.62/oz, 200 oz in stock.');
    expect(await c.say('price of a loaf of sourdough')).toContain('Sourdough: $4.99 a loaf, 20 loaves in stock.');
  });

  it('says what a label cannot do: no weights of jars, no half loaves, no more than the shelf holds', async () => {
    const core = await mk();
    const c = await registered(core, PHONE);

    expect(await c.say('2 kg of honey')).toContain('Clover Honey is sold by the jar — how many would you like?');
    expect(await c.say('1.5 loaves of rye')).toContain('Rye Bread comes in whole loaves — how many would you like?');
    expect(await c.say('25 loaves of rye')).toContain('Sorry, we only have 24 loaves of Rye Bread left.');
    expect(await c.say('ground beef')).toContain('Ground Beef is sold by weight ($4.99/lb). How much would you like — for example “half a pound” or “1 lb ground beef”?');
    expect(await c.say('bags')).not.toMatch(/Added/);
    expect((await core.store.listHolds({ status: 'active' }))).toEqual([]);
    await expectInvariants(core.store);
  });
});
