import { z } from 'zod';
import { error, json, jsonBodyErrors, page, unauthorized, type RouteDoc } from './openapi-parts';
import * as s from './schemas';
import * as c from './catalog-schemas';

const notFound = error('No product with that sku');
const invalidProducts = error('A product is not valid: `details` names each (`row 3, price: …` for a CSV row, `2.price: …` for a JSON item); nothing was written');

/** The documentation of src/http/admin-catalog.ts. */
export const CATALOG_ROUTES: RouteDoc[] = [
  {
    method: 'put', path: '/admin/products', operationId: 'upsertProducts', tag: 'Admin', security: ['adminToken'],
    summary: 'Create or update products and their stock, all or nothing. Also takes `Content-Type: text/csv` with the header row sku,name,price,unit,stock,category,aliases (aliases separated by |). With ?dryRun=true it only previews the changes',
    query: c.dryRunQuery, body: json(s.productsBody),
    responses: {
      ...jsonBodyErrors,
      400: invalidProducts,
      413: error('Body over 1 MB (some 5,000 products of usual length)'),
      415: error('The body is neither JSON nor CSV'),
      200: {
        description: 'How many were written; or, with ?dryRun=true, what would change', json: z.union([s.upsertedBody, c.catalogPreviewBody]),
        links: { readProduct: { operationId: 'getProduct', parameters: { sku: '$request.body#/0/sku' } } },
      },
      401: unauthorized,
    },
  },
  {
    method: 'get', path: '/admin/products', operationId: 'listProducts', tag: 'Admin', security: ['adminToken'], summary: 'Every product with its stock counters, low stock marked',
    responses: {
      200: {
        description: 'Products', json: c.catalogListBody,
        links: { readProduct: { operationId: 'getProduct', parameters: { sku: '$response.body#/products/0/sku' } } },
      },
      401: unauthorized,
    },
  },
  {
    method: 'get', path: '/admin/products.csv', operationId: 'exportProducts', tag: 'Admin', security: ['adminToken'],
    summary: 'The catalog as CSV (the columns the upload takes); cells starting with = + - @ are written with a leading \'',
    responses: { 200: { ...page('text/csv', 'CSV, as an attachment named products.csv'), headers: { 'Content-Disposition': 'attachment; filename="products.csv"' } }, 401: unauthorized },
  },
  {
    method: 'get', path: '/admin/products/:sku', operationId: 'getProduct', tag: 'Admin', security: ['adminToken'], summary: 'One product and its stock counters',
    params: s.skuParams,
    responses: { 200: { description: 'The product', json: s.productBody }, 401: unauthorized, 404: notFound },
  },
  {
    method: 'patch', path: '/admin/products/:sku', operationId: 'editProduct', tag: 'Admin', security: ['adminToken'],
    summary: 'Change a product\'s price, stock received or aliases', params: s.skuParams, body: json(c.productEditBody),
    responses: {
      200: { description: 'The product after the change', json: c.catalogProduct }, ...jsonBodyErrors, 401: unauthorized, 404: notFound,
      409: error('Stock would drop below what is already held in carts or sold'),
    },
  },
  {
    method: 'post', path: '/admin/products/:sku/restock', operationId: 'restockProduct', tag: 'Admin', security: ['adminToken'],
    summary: 'Add a delivery to a product\'s stock, in its unit', params: s.skuParams, body: json(c.restockBody),
    responses: { 200: { description: 'The product after the restock', json: c.catalogProduct }, ...jsonBodyErrors, 401: unauthorized, 404: notFound },
  },
  {
    method: 'get', path: '/admin/audit', operationId: 'listAudit', tag: 'Admin', security: ['adminToken'],
    summary: 'Changes of stock and price, newest first: who, what, before and after', query: c.auditQuery,
    responses: { 200: { description: 'Audit entries', json: c.auditBody }, 400: error('A bad sku or limit'), 401: unauthorized },
  },
];
