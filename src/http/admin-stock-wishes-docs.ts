import { error, unauthorized, type RouteDoc } from './openapi-parts';
import { stockWishesBody, stockWishesQuery } from './admin-stock-wishes';

/** The documentation of src/http/admin-stock-wishes.ts. */
export const STOCK_WISH_ROUTES: RouteDoc[] = [
  {
    method: 'get', path: '/admin/stock-wishes', operationId: 'listStockWishes', tag: 'Admin', security: ['adminToken'],
    summary: 'How many customers wait to hear that each sold-out product is back (each is told once, when stock is received), most waited-for first',
    query: stockWishesQuery,
    responses: {
      200: { description: 'Products customers wait for', json: stockWishesBody },
      400: error('The sku is not one a product could have'),
      401: unauthorized,
      404: error('No product with that sku'),
    },
  },
];
