import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config';
import { buildCore } from '../../../src/core';
import { MongoStore } from '../../../src/store/mongo/mongo';
import { counterIds, customer, expectInvariants, ManualClock, registered, setStock, silentLog } from '../../helpers';
import { hasMongo, MONGO_URI } from '../mongo-server';

const opened: MongoStore[] = [];
afterAll(async () => { await Promise.all(opened.map((s) => s.close())); });
const phone = (i: number) => `+1202555${String(2000 + i).padStart(4, '0')}`;

describe.skipIf(!hasMongo)('three processes, 24 customers, 20 limes', () => {
  it('each asks for 2 limes and checks out, on alternating processes: never more than 20 sold, counters add up', async () => {
    const db = `grocer_adv_os_${process.pid}_${Date.now() % 100000}`;
    const clock = new ManualClock();
    const cores: Awaited<ReturnType<typeof buildCore>>[] = [];
    for (let i = 0; i < 3; i += 1) {
      const store = await MongoStore.connect(MONGO_URI, db);
      opened.push(store);
      cores.push(await buildCore(loadConfig({}), silentLog, { store, clock, ids: counterIds(`p${i}`) }));
    }
    const [a] = cores;
    for (let i = 0; i < 24; i += 1) await registered(cores[i % 3]!, phone(i));
    await setStock(a!, 'FRU-LIM', 20);
    const script = ['2 limes', 'checkout', 'pickup', 'yes'];
    const said = await Promise.all(Array.from({ length: 24 }, async (_, i) => {
      const out: string[] = [];
      for (let s = 0; s < script.length; s += 1) out.push(await customer(cores[(i + s) % 3]!, phone(i)).say(script[s]!, `m${s}`));
      return out;
    }));
    const orders = await a!.store.listOrders({});
    const sold = orders.reduce((n, o) => n + o.lines.filter((l) => l.sku === 'FRU-LIM').reduce((m, l) => m + l.qty, 0), 0);
    expect(sold).toBeLessThanOrEqual(20);
    expect(said.filter((s) => /is placed/.test(s[3]!)).length).toBe(orders.length);
    expect(said.flat().filter((s) => /trouble/.test(s))).toEqual([]);
    await expectInvariants(a!.store);
  });
});
