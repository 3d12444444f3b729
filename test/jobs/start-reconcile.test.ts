// Exact after a crash: the reconciler runs as the job scheduler starts, so counters a killed process left
// behind (a hold converted, its counter move lost) are exact again at start-up, not an hour later.
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { LocalScheduler } from '../../src/jobs/local';
import { expectInvariants, makeCore, registered, silentLog } from '../helpers';

describe('the reconciler at start-up', () => {
  it('repairs counters a crash left between a checkout and its counter move, without waiting for RECONCILE_MINUTES', async () => {
    const core = await makeCore({ RECONCILE_MINUTES: '60' });
    const c = await registered(core, '+12025550166');
    for (const t of ['3 limes', 'checkout', 'pickup', 'yes']) await c.say(t);
    // The checkout's counter move, lost: the counters say reserved what the holds say is sold.
    await core.store.moveStock('FRU-LIM', { reserved: 3, sold: -3 });
    expect(await core.store.getStock('FRU-LIM')).toMatchObject({ reserved: 3, sold: 0 });
    const jobs = new LocalScheduler(silentLog);
    jobs.runAll(core);
    try {
      // The reconciler waits a few seconds for work in flight to settle, then repairs.
      for (let i = 0; i < 100 && (await core.store.getStock('FRU-LIM'))!.sold !== 3; i += 1) await sleep(100);
      expect(await core.store.getStock('FRU-LIM')).toMatchObject({ reserved: 0, sold: 3 });
      await expectInvariants(core.store);
    } finally {
      await jobs.stop();
    }
  }, 20_000);
});
