import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Router } from 'express';

const require = createRequire(import.meta.url);
const swaggerDir = dirname(require.resolve('swagger-ui-dist/package.json'));
/** Read once, at the first request for it (1.7 MB of script that most processes never serve). */
function asset(file: string): () => string {
  let text: string | undefined;
  return () => (text ??= readFileSync(join(swaggerDir, file), 'utf8'));
}
const css = asset('swagger-ui.css');
const bundle = asset('swagger-ui-bundle.js');

const PAGE = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>{{title}}</title>
  <link rel="stylesheet" href="/docs/swagger-ui.css">
</head>
<body>
  <div id="swagger-ui"></div>
  <script src="/docs/swagger-ui-bundle.js"></script>
  <script src="/docs/init.js"></script>
</body>
</html>
`;
// A file of its own: the Content-Security-Policy allows no inline script.
const INIT = `window.addEventListener('load', function () {
  window.ui = SwaggerUIBundle({ url: '/openapi.json', dom_id: '#swagger-ui', deepLinking: true, validatorUrl: null, tryItOutEnabled: false });
});
`;

/**
 * `GET /openapi.json` and the Swagger UI at `/docs`, served from this origin (swagger-ui-dist): no CDN, so the
 * page works without internet and under the app's CSP. Open to all, like the document (see docs/api.md).
 */
export function docsRoutes(document: () => object, title: string): Router {
  let body: string | undefined;
  const page = PAGE.replace('{{title}}', `${title.replace(/[<>&"]/g, '')} API`);
  const router = Router();
  router.get('/openapi.json', (_req, res) => { res.type('json').send(body ??= JSON.stringify(document())); });
  router.get('/docs', (_req, res) => { res.type('html').send(page); });
  router.get('/docs/swagger-ui.css', (_req, res) => { res.type('css').send(css()); });
  router.get('/docs/swagger-ui-bundle.js', (_req, res) => { res.type('js').send(bundle()); });
  router.get('/docs/init.js', (_req, res) => { res.type('js').send(INIT); });
  return router;
}
