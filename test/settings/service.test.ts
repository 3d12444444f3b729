import { describe, expect, it } from 'vitest';
import { ALWAYS_OPEN } from '../../src/domain/settings';
import { SettingsService } from '../../src/settings/service';
import { MemoryStore } from '../../src/store/memory';
import { ManualClock } from '../helpers';

const seed = () => ({ storeName: 'Corner Grocer', timeZone: 'UTC', hours: ALWAYS_OPEN, closures: [], deliveryFeeCents: 399, minimumOrderCents: 0, faq: [] });

describe('the settings of one process', () => {
  it('seeds the first document once: a second process finds it and keeps it', async () => {
    const store = new MemoryStore();
    const clock = new ManualClock();
    const first = new SettingsService({ store, clock, seed });
    expect(await first.load()).toMatchObject({ version: 1, storeName: 'Corner Grocer' });
    const other = new SettingsService({ store, clock, seed: () => ({ ...seed(), storeName: 'Other' }) });
    expect((await other.load()).storeName).toBe('Corner Grocer');
  });

  it('follows a change saved elsewhere: timer-driven for a process without messages', async () => {
    const store = new MemoryStore();
    const clock = new ManualClock();
    const a = new SettingsService({ store, clock, seed });
    const b = new SettingsService({ store, clock, seed });
    await a.load();
    await b.load();
    const heard: number[] = [];
    b.onChange((s) => heard.push(s.version));
    expect((await a.save({ storeName: 'Rosa’s Pantry', contact: '+12025550100' }, 1, 'admin')).ok).toBe(true);
    clock.advance(1);
    const stop = b.follow(20);
    await expect.poll(() => b.current().storeName).toBe('Rosa’s Pantry');
    stop();
    expect(heard).toEqual([2]);
    // Clearing an optional field removes it.
    const cleared = await a.save({ contact: null }, 2, 'admin');
    expect(cleared.ok && 'contact' in cleared.settings).toBe(false);
  });
});
