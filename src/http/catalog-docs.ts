import { z } from 'zod';
import { error, json, jsonBodyErrors, page, unauthorized, type RouteDoc } from './openapi-parts';
import * as s from './schemas';
import * as c from './catalog-schemas';
import { productInputSchema } from '../domain/schemas';

const notFound = error('No product with that sku');
const invalidProducts = error('A product is not valid: `details` names each (`row 3, price: …` for a CSV row, `2.price: …` for a JSON item); nothing was written');

/** The documentation of src/http/admin-catalog.ts. */
export const CATALOG_ROUTES: RouteDoc[] = [
  {
    method: 'put', path: '/admin/products', operationId: 'upsertProducts', tag: 'Admin', security: ['adminToken'],
    summary: 'Create or update products and their stock, all or nothing. Also takes `Content-Type: text/csv` with the header row sku,name,price,unit,stock,category,aliases (aliases separated by |), and optionally pieceGrams, maxPerOrder, active (yes/no) and tags (separated by |; a sheet without the column keeps the tags each product had, an empty cell clears them). With ?dryRun=true it only previews the changes',
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
    method: 'post', path: '/admin/products', operationId: 'addProduct', tag: 'Admin', security: ['adminToken'],
    summary: 'Add one product with its stock (fields as in the catalog file: price in major units, stock received in its unit; `active: false` adds it hidden)',
    body: json(productInputSchema),
    responses: {
      201: { description: 'The product as the products page shows it', json: c.catalogProduct },
      ...jsonBodyErrors,
      400: error('A field is not valid: `details` says which, in words ("Price must be a number, like 2.49"); nothing was written'),
      401: unauthorized,
      409: error('A product with that sku already exists (change it with PATCH)'),
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
    summary: 'Change any of a product\'s fields: name, category, unit (within its kind: count for count, weight for weight), price, stock received, aliases, maxPerOrder, or active (false hides it from customers: never offered or matched, not added to carts; lines already in carts and orders are left as they are). Each change is in the audit trail, with who made it',
    params: s.skuParams, body: json(c.productEditBody),
    responses: {
      200: { description: 'The product after the change', json: c.catalogProduct }, ...jsonBodyErrors,
      400: error('A field is not valid, in words (also a unit of the other kind: kg for a product sold by count)'), 401: unauthorized, 404: notFound,
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
    summary: 'Changes of stock, price and products\' own fields, newest first: who, what, before and after', query: c.auditQuery,
    responses: { 200: { description: 'Audit entries', json: c.auditBody }, 400: error('A bad sku or limit'), 401: unauthorized },
  },
];
