import { describe, expect, it } from 'vitest';
import type { ConsoleEvent } from '../../src/events/console-events';
import { runJob, schedules } from '../../src/jobs/handlers';
import { lowStockFlag } from '../../src/notify/low-stock';
import { startChannels } from '../channels/harness';
import { setStock } from '../helpers';

const OWNER = '+12025550199';

describe('low-stock alerts', () => {
  it('tells the owner once on the channel they use, and the dashboard; again only after a restock and a new drop', async () => {
    const h = await startChannels({ OWNER_PHONE: OWNER, LOW_STOCK_THRESHOLD: '5' });
    const events: ConsoleEvent[] = [];
    h.core.events.on((e) => events.push(e));
    try {
      expect(schedules(h.core).map((s) => s.name)).toContain('low-stock');
      await h.messaging.send(`whatsapp:${OWNER}`, 'hi'); // the owner has written to the shop on WhatsApp
      await h.messaging.send(`whatsapp:${OWNER}`, 'Olga');
      await h.core.outbox.drain();
      const before = h.twilioApi.messages.length;
      expect(await runJob(h.core, 'low-stock')).toEqual([]);

      // A customer buys limes down to 3 left; the carrots (sold by weight) drop to 4.5 kg.
      await setStock(h.core, 'FRU-LIM', 6);
      await h.core.catalog.patch('VEG-CAR', { stock: 4.5 });
      for (const t of ['hi', 'Ana', 'pickup', '3 limes', 'checkout', 'pickup', 'yes']) await h.messaging.send('+12025550123', t);
      expect(((await runJob(h.core, 'low-stock')) as string[]).sort()).toEqual(['FRU-LIM', 'VEG-CAR']);
      await h.core.outbox.drain();
      const told = h.twilioApi.messages.slice(before);
      expect(told).toEqual([expect.objectContaining({ To: `whatsapp:${OWNER}`, Body: expect.stringMatching(/Running low at .*: .*Limes \(3 left\).*Carrots \(4\.5 kg left\).*restock/) })]);
      expect(events).toEqual(expect.arrayContaining([{ type: 'low_stock', sku: 'FRU-LIM' }, { type: 'low_stock', sku: 'VEG-CAR' }]));

      // Still low: nobody is told twice.
      events.length = 0;
      expect(await runJob(h.core, 'low-stock')).toEqual([]);
      await h.core.outbox.drain();
      expect(h.twilioApi.messages.slice(before)).toHaveLength(1);
      expect(events).toEqual([]);

      // Restocked: the flag goes; a later drop tells again.
      await h.core.catalog.restock('FRU-LIM', 10);
      expect(await runJob(h.core, 'low-stock')).toEqual([]);
      expect(await h.core.store.claimFlag(lowStockFlag('FRU-LIM'), 0)).toBe(true);
      await h.core.store.clearFlag(lowStockFlag('FRU-LIM'));
      await h.core.catalog.patch('FRU-LIM', { stock: 4 });
      expect(await runJob(h.core, 'low-stock')).toEqual(['FRU-LIM']);
      await h.core.outbox.drain();
      expect(h.twilioApi.messages.slice(before).map((m) => m.Body)).toEqual([expect.any(String), expect.stringMatching(/Limes \(1 left\)/)]);
      expect(events.filter((e) => e.type === 'low_stock')).toEqual([{ type: 'low_stock', sku: 'FRU-LIM' }]);
    } finally {
      await h.close();
    }
  });

  it('tells only the dashboard when no OWNER_PHONE is set, and one of two runs at once tells', async () => {
    const h = await startChannels({ LOW_STOCK_THRESHOLD: '5' });
    const events: ConsoleEvent[] = [];
    h.core.events.on((e) => events.push(e));
    try {
      await setStock(h.core, 'FRU-LIM', 2);
      const [a, b] = await Promise.all([runJob(h.core, 'low-stock'), runJob(h.core, 'low-stock')]) as string[][];
      expect([...a!, ...b!]).toEqual(['FRU-LIM']);
      await h.core.outbox.drain();
      expect(h.twilioApi.messages).toEqual([]);
      expect(events.filter((e) => e.type === 'low_stock')).toEqual([{ type: 'low_stock', sku: 'FRU-LIM' }]);
    } finally {
      await h.close();
    }
  });
});
