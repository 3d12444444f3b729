import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN, startChannels, type Harness } from '../channels/harness';

// The packing slip names the store as the owner set it in the console's settings, not as the environment did.

let h: Harness;
afterEach(async () => { await h?.close(); });
const auth = { authorization: `Bearer ${ADMIN}` };

describe('GET /admin/orders/:id/slip', () => {
  it('shows the store name saved through PUT /admin/settings, not STORE_NAME', async () => {
    h = await startChannels({ STORE_NAME: 'Hill Street Grocer' });
    for (const t of ['hi', 'Sam', 'pickup', '2 lemons', 'check out', 'pickup', 'yes']) await h.messaging.send('+12025550123', t);
    const saved = await fetch(`${h.url}/admin/settings`, { method: 'PUT', headers: { 'content-type': 'application/json', ...auth }, body: JSON.stringify({ version: 1, storeName: 'Rosa’s Pantry' }) });
    expect(saved.status).toBe(200);

    const slip = await fetch(`${h.url}/admin/orders/ORD-1001/slip`, { headers: auth });
    expect(slip.status).toBe(200);
    const text = (await slip.text()).replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
    expect(text).toContain('Packing slip ORD-1001');
    expect(text).toContain('Rosa’s Pantry');
    expect(text).not.toContain('Hill Street Grocer');
  });
});
