import type { Browser } from 'playwright-core';
import { launchBrowser } from '../browser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupChannels } from '../../channels/index';
import { createApp } from '../../src/http/app';
import { createMetrics } from '../../src/http/metrics';
import { openapiPath, ROUTES } from '../../src/http/openapi';
import { listRoutes } from '../../src/http/routes';
import { repliesBody } from '../../src/http/schemas';
import { makeCore } from '../helpers';
import { ADMIN, startServer, type TestServer } from './server';

/** Every channel switched on (none started: nothing is sent), as a store with all of them would run. */
const ALL_CHANNELS = {
  TELEGRAM_BOT_TOKEN: '123456:test-token-not-a-real-bot-0000',
  TELEGRAM_MODE: 'webhook',
  TWILIO_ACCOUNT_SID: `AC${'0'.repeat(32)}`,
  TWILIO_AUTH_TOKEN: 'test-auth-token-0000',
  TWILIO_SMS_NUMBER: '+12025550100',
  TWILIO_WHATSAPP_NUMBER: '+14155238886',
  PUBLIC_URL: 'https://shop.example',
};

describe('the document and the routes express serves', () => {
  it('describe the same routes: none undocumented, none documented that does not exist', async () => {
    const core = await makeCore(ALL_CHANNELS);
    const channels = setupChannels(core, core.config);
    const app = createApp(core, { adminToken: ADMIN, metrics: createMetrics(), channels: channels.routers });
    const served = new Set(listRoutes(app).map((r) => `${r.method} ${r.path}`));
    const documented = new Set(ROUTES.map((r) => `${r.method.toUpperCase()} ${r.path}`));
    expect([...served].filter((r) => !documented.has(r)), 'served but not in the document').toEqual([]);
    expect([...documented].filter((r) => !served.has(r)), 'in the document but not served').toEqual([]);
  });

  it('finds the routes of routers mounted inside routers', async () => {
    const { default: express, Router } = await import('express');
    const app = express();
    const outer = Router();
    const inner = Router();
    inner.post('/deep/:id', (_req, res) => { res.end(); });
    outer.use(inner);
    app.use(outer);
    app.get('/top', (_req, res) => { res.end(); });
    expect(listRoutes(app)).toEqual([{ method: 'POST', path: '/deep/:id' }, { method: 'GET', path: '/top' }]);
  });
});

describe('GET /openapi.json and /docs', () => {
  let s: TestServer;
  let browser: Browser | undefined;
  beforeAll(async () => { s = await startServer(); });
  afterAll(async () => { await browser?.close(); await s?.close(); });

  it('serves an OpenAPI 3.1 document with the security schemes, bodies and error statuses of each route', async () => {
    const r = await s.get('/openapi.json');
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/application\/json/);
    const doc = r.body;
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.components.securitySchemes).sort()).toEqual(['adminToken', 'apiToken', 'chatSession', 'csrfToken', 'metricsToken', 'staffSession', 'telegramSecret', 'twilioSignature']);
    const put = doc.paths['/admin/products'].put;
    expect(put.security).toEqual([{ adminToken: [] }, { staffSession: [], csrfToken: [] }]);
    expect(Object.keys(put.responses).sort()).toEqual(['200', '400', '401', '413', '415']);
    expect(put.requestBody.content['application/json'].schema.items.required).toEqual(['sku', 'name', 'price', 'unit', 'stock', 'category']);
    const status = doc.paths['/admin/orders/{id}/status'].post;
    expect(status.parameters).toEqual([expect.objectContaining({ name: 'id', in: 'path', required: true })]);
    expect(status.requestBody.content['application/json'].schema.properties.status.enum).toEqual(['preparing', 'ready', 'dispatched', 'delivered', 'cancelled']);
    expect(Object.keys(status.responses)).toEqual(expect.arrayContaining(['404', '409']));
    expect(Object.keys(doc.paths['/chat/messages'].post.responses)).toEqual(expect.arrayContaining(['401', '429']));
    expect(doc.paths['/twilio/messages'].post.requestBody.content).toHaveProperty('application/x-www-form-urlencoded');
    expect(doc.paths['/metrics'].get.security).toEqual([{ metricsToken: [] }, { adminToken: [] }]);
    for (const r of ROUTES) expect(doc.paths[openapiPath(r.path)][r.method].operationId).toBe(r.operationId);
  });

  it('documents the structured replies, and the message API answers exactly that shape', async () => {
    const doc = (await s.get('/openapi.json')).body;
    const answer = doc.paths['/api/messages'].post.responses['200'].content['application/json'].schema;
    const reply = answer.properties.replies.items;
    expect(reply.required).toEqual(expect.arrayContaining(['key', 'text']));
    expect(Object.keys(reply.properties).sort()).toEqual(['key', 'list', 'options', 'params', 'text']);
    expect(reply.properties.options.items.required.sort()).toEqual(['id', 'label']);
    expect(doc.paths['/api/messages'].post.requestBody.content['application/json'].schema.properties.option).toMatchObject({ type: 'string', minLength: 1, maxLength: 80 });
    expect(doc.paths['/chat/messages'].post.requestBody.content['application/json'].schema.properties.option).toMatchObject({ type: 'string', maxLength: 80 });
    const strictReply = repliesBody.shape.replies.element.strict();
    for (const text of ['hi', 'Ana', 'pickup', '2 limes', 'show my cart']) {
      const r = await s.post('/api/messages', { from: '+12025550166', text }, s.api);
      for (const one of r.body.replies) expect(strictReply.safeParse(one).error?.issues ?? [], text).toEqual([]);
    }
  });

  it('renders the document at /docs from this origin, within the Content-Security-Policy', async () => {
    const page0 = await s.get('/docs');
    expect(page0.status).toBe(200);
    expect(page0.body).not.toMatch(/https?:\/\//);
    browser = await launchBrowser();
    const page = await browser.newPage();
    const problems: string[] = [];
    page.on('console', (m) => { if (/Content Security Policy|Refused/i.test(m.text())) problems.push(m.text()); });
    page.on('pageerror', (e) => problems.push(e.message));
    page.on('requestfailed', (req) => problems.push(`failed: ${req.url()}`));
    await page.goto(`${s.url}/docs`);
    await page.waitForSelector('.opblock-tag-section');
    expect(await page.textContent('.info .title')).toContain('API');
    expect(await page.locator('.opblock-summary-path[data-path="/admin/products/{sku}/restock"]').count()).toBe(1);
    expect(problems).toEqual([]);
  });
});

describe('what the fuzzer found, fixed', () => {
  let s: TestServer;
  beforeAll(async () => { s = await startServer(); });
  afterAll(async () => { await s?.close(); });

  it('answers a method a path does not serve with 405 and Allow, before any token check', async () => {
    for (const [method, path, allow] of [
      ['DELETE', '/admin/products', 'GET, HEAD, POST, PUT'],
      ['PUT', '/admin/products/FRU-APL-GAL', 'GET, HEAD, PATCH'],
      ['DELETE', '/api/messages', 'POST'],
      ['GET', '/chat/verify', 'POST'],
    ] as const) {
      const r = await fetch(s.url + path, { method });
      expect(r.status, `${method} ${path}`).toBe(405);
      expect(r.headers.get('allow')).toBe(allow);
    }
    expect((await fetch(`${s.url}/admin/nothing-here`, { method: 'DELETE', headers: s.admin })).status).toBe(404);
    expect((await s.get('/admin/products', s.admin)).status).toBe(200);
  });

  it('takes a catalog larger than 64 KB from the admin (up to 1 MB), and no large body without the token', async () => {
    const products = Array.from({ length: 700 }, (_, i) => ({ sku: `BULK-${i}`, name: `Bulk item number ${i}`, price: 1.25, unit: 'each', stock: 10, category: 'Pantry' }));
    const body = JSON.stringify(products);
    expect(body.length).toBeGreaterThan(64 * 1024);
    const ok = await fetch(`${s.url}/admin/products`, { method: 'PUT', headers: { ...s.admin, 'content-type': 'application/json' }, body });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ upserted: 700 });
    const anonymous = await fetch(`${s.url}/admin/products`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body });
    expect(anonymous.status).toBe(401);
    const huge = await fetch(`${s.url}/admin/products`, { method: 'PUT', headers: { ...s.admin, 'content-type': 'application/json' }, body: `[${'1,'.repeat(600_000)}1]` });
    expect(huge.status).toBe(413);
    expect(await huge.json()).toEqual({ error: 'body too large: at most 1 MB' });
    const message = await s.post('/api/messages', { from: '+12025550123', text: 'x'.repeat(70 * 1024) }, s.api);
    expect(message.status).toBe(413);
  });

  it('refuses a price below one cent, which would have been stored as a free product', async () => {
    // Sent as text: 5e-324 is the smallest double, which the old two-decimals check let through as 0 cents.
    const put = await fetch(`${s.url}/admin/products`, {
      method: 'PUT', headers: { ...s.admin, 'content-type': 'application/json' },
      body: '[{"sku":"TINY","name":"Tiny","price":5e-324,"unit":"each","stock":1,"category":"Pantry"}]',
    });
    expect(put.status).toBe(400);
    expect((await put.json()).details).toEqual(['0.price: Price must be at least 0.01, like 2.49']);
    expect(await s.core.store.getProduct('TINY')).toBeUndefined();
  });
});
