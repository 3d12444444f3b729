import { readFileSync } from 'node:fs';
import { Router } from 'express';
import { page, type RouteDoc } from '../openapi-parts';

// The owner's console: one HTML page, its styles and its ES modules, read once at start-up and served from
// this origin (the Content-Security-Policy allows no inline code and no other origin).

const read = (file: string) => readFileSync(new URL(`./${file}`, import.meta.url), 'utf8');

/** The console's ES modules, served at /assets/dashboard/<name>.js; /assets/dashboard.js loads main. */
const MODULES = ['main', 'lib', 'events', 'overview', 'orders', 'order-changes', 'inbox', 'transcript', 'conversations', 'products', 'tags', 'waiting', 'promotions', 'settings', 'settings-slots', 'staff'] as const;

interface Asset { path: string; type: 'html' | 'js' | 'css'; file: string; operationId: string; summary: string }

const ASSETS: Asset[] = [
  { path: '/admin', type: 'html', file: 'index.html', operationId: 'dashboardPage', summary: 'The store owner\'s console (sign in with a login and password, or the admin token, in the page)' },
  { path: '/assets/dashboard.js', type: 'js', file: 'loader.js', operationId: 'dashboardScript', summary: 'The console\'s script (loads its modules)' },
  { path: '/assets/dashboard.css', type: 'css', file: 'console.css', operationId: 'dashboardStyles', summary: 'The console\'s styles' },
  { path: '/assets/slip.css', type: 'css', file: 'slip.css', operationId: 'slipStyles', summary: 'The packing slip\'s styles, with its print layout' },
  ...MODULES.map((name): Asset => ({
    path: `/assets/dashboard/${name}.js`, type: 'js', file: `${name}.js`,
    operationId: `dashboardModule${name[0]!.toUpperCase()}${name.slice(1).replace(/-(\w)/g, (_, c: string) => c.toUpperCase())}`, summary: `The console's ${name === 'main' ? 'pages, login and live feed' : name} (an ES module)`,
  })),
];

const MEDIA = { html: 'text/html', js: 'text/javascript', css: 'text/css' } as const;

export function dashboardRoutes(): Router {
  const router = Router();
  for (const a of ASSETS) {
    const body = read(a.file);
    router.get(a.path, (_req, res) => { res.type(a.type).send(body); });
  }
  return router;
}

export const DASHBOARD_ROUTE_DOCS: RouteDoc[] = ASSETS.map((a) => ({
  method: 'get', path: a.path, operationId: a.operationId, tag: 'Pages', summary: a.summary,
  responses: { 200: page(MEDIA[a.type], a.type === 'html' ? 'HTML page' : a.type === 'js' ? 'Script' : 'Stylesheet') },
}));
