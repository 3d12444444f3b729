import { describe, expect } from 'vitest';
import type { OfferedSlot } from '../../../src/domain/slots';
import type { SlotBookingsPort } from '../../../src/store/store';
import { portTest } from './fixtures';

const SLOT: OfferedSlot = { date: '2026-12-08', from: '09:00', to: '12:00', capacity: 5 };
const KEY = '2026-12-08T09:00-12:00';
const phone = (n: number) => `+1202555${String(1000 + n).padStart(4, '0')}`;

/** The slot bookings port's contract, run once per adapter. */
export function slotBookingsContract(adapter: string, open: () => Promise<SlotBookingsPort>) {
  const it = portTest(open);
  describe(`slot bookings port contract: ${adapter}`, () => {
    it('counts nothing taken in a slot nobody chose', async ({ store }) => {
      expect(await store.slotsTaken([SLOT], 0)).toEqual(new Map());
    });

    it('holds a place per phone, once however often asked, until the slot is full', async ({ store }) => {
      const small = { ...SLOT, capacity: 2 };
      expect(await store.holdSlot(small, phone(1), 100, 0)).toBe(true);
      expect(await store.holdSlot(small, phone(1), 200, 10)).toBe(true);
      expect(await store.holdSlot(small, phone(2), 100, 0)).toBe(true);
      expect(await store.holdSlot(small, phone(3), 100, 0)).toBe(false);
      expect((await store.slotsTaken([small], 20)).get(KEY)).toBe(2);
    });

    it('frees a held place when it is released, and one past its time for the next customer', async ({ store }) => {
      const one = { ...SLOT, capacity: 1 };
      await store.holdSlot(one, phone(1), 100, 0);
      await store.releaseSlot(one, phone(1));
      await store.releaseSlot(one, phone(1));
      expect(await store.holdSlot(one, phone(2), 100, 0)).toBe(true);
      expect(await store.holdSlot(one, phone(3), 300, 50)).toBe(false);
      // phone(2)'s hold lapsed at 100.
      expect(await store.holdSlot(one, phone(3), 300, 150)).toBe(true);
      expect((await store.slotsTaken([one], 150)).get(KEY)).toBe(1);
    });

    it('books the held place for the order (the count stays), again on a retry, and frees it once on cancel', async ({ store }) => {
      const two = { ...SLOT, capacity: 2 };
      await store.holdSlot(two, phone(1), 100, 0);
      expect(await store.bookSlot(two, phone(1), 'ORD-1001', 10)).toBe(true);
      expect(await store.bookSlot(two, phone(1), 'ORD-1001', 10)).toBe(true);
      expect((await store.slotsTaken([two], 10)).get(KEY)).toBe(1);
      // A booked place does not lapse, and releasing the phone's hold leaves the order's place.
      await store.releaseSlot(two, phone(1));
      expect((await store.slotsTaken([two], 10_000)).get(KEY)).toBe(1);
      await store.freeSlot(two, 'ORD-1001');
      await store.freeSlot(two, 'ORD-1001');
      expect((await store.slotsTaken([two], 10)).get(KEY)).toBeUndefined();
    });

    it('books a free place for an order whose hold lapsed, and refuses when the slot filled meanwhile', async ({ store }) => {
      const one = { ...SLOT, capacity: 1 };
      await store.holdSlot(one, phone(1), 100, 0);
      expect(await store.bookSlot(one, phone(1), 'ORD-1001', 500)).toBe(true);
      expect(await store.bookSlot(one, phone(2), 'ORD-1002', 500)).toBe(false);
    });

    it('never takes more than the capacity: of 20 phones racing for 5 places, exactly 5 hold one', async ({ store }) => {
      const results = await Promise.all(Array.from({ length: 20 }, (_, i) => store.holdSlot(SLOT, phone(i), 1000, 0)));
      expect(results.filter(Boolean)).toHaveLength(5);
      expect((await store.slotsTaken([SLOT], 0)).get(KEY)).toBe(5);
      // And of 20 orders racing for places with no hold, none gets in.
      const late = await Promise.all(Array.from({ length: 20 }, (_, i) => store.bookSlot(SLOT, phone(100 + i), `ORD-${2000 + i}`, 0)));
      expect(late.filter(Boolean)).toHaveLength(0);
    });

    it('keeps each dated slot apart', async ({ store }) => {
      const other = { ...SLOT, date: '2026-12-09', capacity: 1 };
      await store.holdSlot({ ...SLOT, capacity: 1 }, phone(1), 100, 0);
      expect(await store.holdSlot(other, phone(2), 100, 0)).toBe(true);
      const taken = await store.slotsTaken([SLOT, other], 0);
      expect([...taken.values()]).toEqual([1, 1]);
    });
  });
}
