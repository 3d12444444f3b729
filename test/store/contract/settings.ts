import { describe, expect } from 'vitest';
import { ALWAYS_OPEN, type StoreSettings } from '../../../src/domain/settings';
import type { SettingsPort } from '../../../src/store/store';
import { portTest } from './fixtures';

const settings = (over: Partial<StoreSettings> = {}): StoreSettings => ({
  version: 1, storeName: 'Corner Grocer', contact: '+12025550100', timeZone: 'Europe/London', hours: { ...ALWAYS_OPEN, sun: [] },
  closures: [{ date: '2026-12-25', note: 'Christmas' }], sameDayCutoff: '18:00', deliveryFeeCents: 399, minimumOrderCents: 1500,
  faq: [{ topic: 'hours', answer: 'Open daily.', keywords: ['open'], questions: ['When do you open?'] }], updatedAt: 1000, ...over,
});

/** The settings port's contract, run once per adapter. */
export function settingsContract(adapter: string, open: () => Promise<SettingsPort>) {
  const it = portTest(open);
  describe(`settings port contract: ${adapter}`, () => {
    it('has no settings until the first save, then returns what was saved', async ({ store }) => {
      expect(await store.getSettings()).toBeUndefined();
      expect(await store.putSettings(settings(), undefined)).toBe(true);
      expect(await store.getSettings()).toEqual(settings());
    });

    it('saves over the version it was read at, and refuses a save from a stale version', async ({ store }) => {
      await store.putSettings(settings(), undefined);
      expect(await store.putSettings(settings({ version: 2, storeName: 'First' }), 1)).toBe(true);
      // A second owner who read version 1 too: refused, the first owner's change kept.
      expect(await store.putSettings(settings({ version: 2, storeName: 'Second' }), 1)).toBe(false);
      expect((await store.getSettings())?.storeName).toBe('First');
      expect(await store.putSettings(settings({ version: 3, storeName: 'Second' }), 2)).toBe(true);
      expect(await store.getSettings()).toMatchObject({ version: 3, storeName: 'Second' });
    });

    it('lets only one of two first saves in', async ({ store }) => {
      const results = await Promise.all([store.putSettings(settings({ storeName: 'A' }), undefined), store.putSettings(settings({ storeName: 'B' }), undefined)]);
      expect(results.filter(Boolean)).toHaveLength(1);
      expect(await store.putSettings(settings({ storeName: 'C' }), undefined)).toBe(false);
    });

    it('keeps optional fields out when unset, and a copy the caller cannot change', async ({ store }) => {
      const bare = settings({ contact: undefined, sameDayCutoff: undefined });
      delete bare.contact;
      delete bare.sameDayCutoff;
      await store.putSettings(bare, undefined);
      const read = (await store.getSettings())!;
      expect(read).toEqual(bare);
      read.hours.mon.push({ open: '01:00', close: '02:00' });
      expect((await store.getSettings())!.hours.mon).toEqual(ALWAYS_OPEN.mon);
    });
  });
}
