import { describe, expect } from 'vitest';
import type { OutboundPort } from '../../../src/store/store';
import { portTest } from './fixtures';

/** The outbound port's contract, run once per adapter. */
export function outboundContract(adapter: string, open: () => Promise<OutboundPort>) {
  const it = portTest(open);
  describe(`outbound port contract: ${adapter}`, () => {
    it('keeps one state per phone and channel', async ({ store }) => {
      expect(await store.getChannelStates('+12025550123')).toEqual([]);
      await store.putChannelState({ phone: '+12025550123', channel: 'sms', optedOutAt: 5, updatedAt: 5 });
      await store.putChannelState({ phone: '+12025550123', channel: 'telegram', unreachable: { reason: 'blocked', at: 6 }, updatedAt: 6 });
      await store.putChannelState({ phone: '+12025550999', channel: 'sms', optedOutAt: 7, updatedAt: 7 });
      await store.putChannelState({ phone: '+12025550123', channel: 'sms', updatedAt: 8 });
      const states = await store.getChannelStates('+12025550123');
      expect(states.sort((a, b) => a.updatedAt - b.updatedAt)).toEqual([
        { phone: '+12025550123', channel: 'telegram', unreachable: { reason: 'blocked', at: 6 }, updatedAt: 6 },
        { phone: '+12025550123', channel: 'sms', updatedAt: 8 },
      ]);
      expect(await store.getChannelState('+12025550999', 'sms')).toEqual({ phone: '+12025550999', channel: 'sms', optedOutAt: 7, updatedAt: 7 });
      expect(await store.getChannelState('+12025550999', 'whatsapp')).toBeUndefined();
      await store.putChannelState({ phone: '+12025550999', channel: 'web', signedOutAt: 9, updatedAt: 9 });
      expect(await store.getChannelState('+12025550999', 'web')).toMatchObject({ signedOutAt: 9 });
    });

    it('keeps deliveries by id and lists a phone’s newest first', async ({ store }) => {
      const d = (id: string, createdAt: number, phone = '+12025550123') => ({
        id, phone, channel: 'sms' as const, status: 'queued' as const, attempts: 0, createdAt, updatedAt: createdAt,
      });
      expect(await store.getDelivery('d1')).toBeUndefined();
      await store.putDelivery(d('d1', 10));
      await store.putDelivery(d('d2', 30));
      await store.putDelivery(d('d3', 20));
      await store.putDelivery(d('d4', 40, '+12025550999'));
      await store.putDelivery({ ...d('d1', 10), status: 'failed', errorCode: '21610', attempts: 1, updatedAt: 50 });
      expect(await store.getDelivery('d1')).toEqual({ ...d('d1', 10), status: 'failed', errorCode: '21610', attempts: 1, updatedAt: 50 });
      expect((await store.listDeliveries('+12025550123')).map((x) => x.id)).toEqual(['d2', 'd3', 'd1']);
      expect((await store.listDeliveries('+12025550123', 2)).map((x) => x.id)).toEqual(['d2', 'd3']);
      expect(await store.listDeliveries('+12025550000')).toEqual([]);
    });
  });
}
