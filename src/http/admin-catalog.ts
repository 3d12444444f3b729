import express, { Router, type Request, type Response } from 'express';
import type { CatalogService } from '../catalog/catalog';
import type { Config } from '../config';
import type { AuditPort, CatalogPort, StockPort } from '../store/store';
import { toCatalogCsv } from '../catalog/csv';
import type { PatchResult, UpsertResult } from '../catalog/catalog';
import { auditView, productView } from '../catalog/view';
import { toDisplayUnits } from '../domain/money';
import { actorOf } from './actor';
import { badRequest, CATALOG_BODY_LIMIT, parseOr400 } from './errors';
import { auditQuery, dryRunQuery, productEditBody, restockBody } from './catalog-schemas';

const CSV_TYPES = ['text/csv', 'application/csv'];

/** The catalog upload reads its own body (JSON or CSV, up to CATALOG_BODY_LIMIT) after the admin token is checked. */
export const isCatalogUpload = (req: Request) => req.method === 'PUT' && /^\/admin\/products\/?$/i.test(req.baseUrl + req.path);

const hasBody = (req: Request) => req.headers['transfer-encoding'] !== undefined || (req.headers['content-length'] ?? '0') !== '0';

function answerUpsert(res: Response, result: UpsertResult): void {
  if (!result.ok) { badRequest(res, 'invalid products', result.errors); return; }
  res.json('dryRun' in result ? { dryRun: true, changes: result.changes } : { upserted: result.count });
}

/** The owner's catalog: products in and out (JSON or CSV), inline edits, restocks, and the audit trail. */
export interface CatalogRouteDeps {
  store: Pick<CatalogPort, 'listProducts' | 'getProduct'> & Pick<StockPort, 'listStock'> & Pick<AuditPort, 'listAudit'>;
  catalog: CatalogService;
  config: Pick<Config, 'LOW_STOCK_THRESHOLD'>;
}

export function catalogRoutes(core: CatalogRouteDeps): Router {
  const { store, catalog } = core;
  const threshold = core.config.LOW_STOCK_THRESHOLD;
  const router = Router();

  const one = async (res: Response, result: PatchResult, sku: string) => {
    if (result.ok) { res.json(productView(result.product, await catalog.stockOf(sku), threshold)); return; }
    if (result.reason === 'not_found') { res.status(404).json({ error: `no product with sku ${sku}` }); return; }
    if (result.reason === 'invalid') { badRequest(res, 'invalid product change', result.errors); return; }
    const p = catalog.products().get(sku);
    const held = p ? toDisplayUnits(p.unit, result.committed) : result.committed;
    res.status(409).json({ error: `${sku} already has ${held} held in carts or sold; stock cannot be set lower` });
  };

  router.put(
    '/admin/products',
    (req, res, next) => {
      if (hasBody(req) && !req.is(['application/json', ...CSV_TYPES])) {
        res.status(415).json({ error: 'send the products as JSON (Content-Type: application/json) or CSV (Content-Type: text/csv)' });
        return;
      }
      next();
    },
    express.text({ type: CSV_TYPES, limit: CATALOG_BODY_LIMIT }),
    express.json({ limit: CATALOG_BODY_LIMIT, strict: true }),
    async (req, res) => {
      const q = parseOr400(dryRunQuery, req.query, res, 'query');
      if (!q) return;
      const opts = { dryRun: q.dryRun === 'true', by: actorOf(res) };
      // A strict JSON body is an array or object, never a string: a string body is the CSV sheet.
      answerUpsert(res, typeof req.body === 'string' ? await catalog.upsertCsv(req.body, opts) : await catalog.upsert(req.body, opts));
    },
  );

  router.post('/admin/products', async (req, res) => {
    const result = await catalog.add(req.body, actorOf(res));
    if (result.ok) { res.status(201).json(productView(result.product, await catalog.stockOf(result.product.sku), threshold)); return; }
    if (result.reason === 'exists') { res.status(409).json({ error: `a product with sku ${String((req.body as { sku?: unknown }).sku)} already exists; change it with PATCH /admin/products/{sku}` }); return; }
    badRequest(res, 'invalid product', result.errors);
  });

  router.get('/admin/products', async (_req, res) => {
    const stock = new Map((await store.listStock()).map((s) => [s.sku, s]));
    res.json({ products: (await store.listProducts()).map((p) => productView(p, stock.get(p.sku), threshold)) });
  });

  router.get('/admin/products.csv', async (_req, res) => {
    const stock = new Map((await store.listStock()).map((s) => [s.sku, s]));
    const csv = toCatalogCsv((await store.listProducts()).map((p) => productView(p, stock.get(p.sku), threshold)));
    res.type('text/csv; charset=utf-8').set('Content-Disposition', 'attachment; filename="products.csv"').send(csv);
  });

  router.get('/admin/products/:sku', async (req, res) => {
    const p = await store.getProduct(req.params.sku);
    if (!p) { res.status(404).json({ error: `no product with sku ${req.params.sku}` }); return; }
    const s = await catalog.stockOf(p.sku);
    const u = (n: number) => toDisplayUnits(p.unit, n);
    res.json({
      sku: p.sku, name: p.name, category: p.category, price: p.priceCents / 100, unit: p.unit, aliases: p.aliases, active: p.active !== false, tags: p.tags ?? [],
      received: u(s.received), available: u(s.available), reserved: u(s.reserved), sold: u(s.sold),
    });
  });

  router.patch('/admin/products/:sku', async (req, res) => {
    const body = parseOr400(productEditBody, req.body, res, 'product change');
    if (!body) return;
    await one(res, await catalog.patch(req.params.sku, body, actorOf(res)), req.params.sku);
  });

  router.post('/admin/products/:sku/restock', async (req, res) => {
    const body = parseOr400(restockBody, req.body, res, 'restock');
    if (!body) return;
    await one(res, await catalog.restock(req.params.sku, body.quantity, actorOf(res)), req.params.sku);
  });

  router.get('/admin/audit', async (req, res) => {
    const q = parseOr400(auditQuery, req.query, res, 'query');
    if (!q) return;
    const entries = await store.listAudit({ ...(q.sku ? { sku: q.sku } : {}), limit: q.limit ? Number(q.limit) : 100 });
    const products = catalog.products();
    res.json({ entries: entries.map((e) => auditView(e, products.get(e.sku))) });
  });

  return router;
}
