import { describe, expect } from 'vitest';
import type { CustomersPort } from '../../../src/store/store';
import { portTest } from './fixtures';

/** The customers port's contract, run once per adapter. */
export function customersContract(adapter: string, open: () => Promise<CustomersPort>) {
  const it = portTest(open);
  describe(`customers port contract: ${adapter}`, () => {
    it('links platform identities to phone numbers', async ({ store }) => {
      expect(await store.getIdentity('telegram:42')).toBeUndefined();
      await store.putIdentity('telegram:42', '+12025550123');
      await store.putIdentity('telegram:42', '+12025550124');
      expect(await store.getIdentity('telegram:42')).toBe('+12025550124');
    });

    it('keeps customers', async ({ store }) => {
      await store.putCustomer({ phone: '+12025550123', name: 'Ana', createdAt: 1 });
      expect(await store.getCustomer('+12025550123')).toEqual({ phone: '+12025550123', name: 'Ana', createdAt: 1 });
      expect(await store.getCustomer('+12025550124')).toBeUndefined();
    });

    it('lists every customer', async ({ store }) => {
      expect(await store.listCustomers()).toEqual([]);
      await store.putCustomer({ phone: '+12025550123', createdAt: 5 });
      expect(await store.listCustomers()).toEqual([{ phone: '+12025550123', createdAt: 5 }]);
    });
  });
}
