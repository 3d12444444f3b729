import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from './server';

let s: TestServer;
beforeEach(async () => { s = await startServer(); });
afterEach(async () => { await s.close(); });

describe('GET /admin/stock-wishes', () => {
  it('counts the customers waiting for each product, most first; told ones no longer count', async () => {
    expect((await s.get('/admin/stock-wishes', s.admin)).body).toEqual({ waiting: [] });
    const at = s.core.clock.now();
    for (const phone of ['+12025550171', '+12025550172', '+12025550173']) await s.core.store.putWish({ phone, sku: 'DAI-MLK-OAT', at });
    await s.core.store.putWish({ phone: '+12025550171', sku: 'FRU-LIM', at });
    await s.core.store.putWish({ phone: '+12025550174', sku: 'FRU-LIM', at });
    await s.core.store.claimWish('+12025550174', 'FRU-LIM', at + 1);
    expect((await s.get('/admin/stock-wishes', s.admin)).body).toEqual({
      waiting: [{ sku: 'DAI-MLK-OAT', name: 'Oat Milk (1 L)', customers: 3 }, { sku: 'FRU-LIM', name: 'Limes', customers: 1 }],
    });
    expect((await s.get('/admin/stock-wishes?sku=FRU-LIM', s.admin)).body).toEqual({ waiting: [{ sku: 'FRU-LIM', name: 'Limes', customers: 1 }] });
    expect((await s.get('/admin/stock-wishes?sku=FRU-LEM', s.admin)).body).toEqual({ waiting: [] });
  });

  it('401 without the admin token; 400 for a sku no product could have; 404 for one no product has', async () => {
    expect((await s.get('/admin/stock-wishes')).status).toBe(401);
    const bad = await s.get('/admin/stock-wishes?sku=%20oat%20milk', s.admin);
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toMatch(/sku/);
    const unknown = await s.get('/admin/stock-wishes?sku=NO-SUCH', s.admin);
    expect(unknown).toMatchObject({ status: 404, body: { error: 'no product with sku NO-SUCH' } });
  });
});
