import type { Express, RequestHandler } from 'express';

export interface MountedRoute {
  method: string;
  /** Express form: `/admin/products/:sku`. */
  path: string;
}

interface Layer {
  route?: { path: unknown; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
  slash?: boolean;
}

/**
 * Every route express serves, walking the app's router and the routers mounted in it. Our routers are all
 * mounted at the root (`app.use(router)`); one mounted under a path would be listed without its prefix, so
 * that is refused here rather than listed wrong.
 */
export function listRoutes(app: Express): MountedRoute[] {
  const out: MountedRoute[] = [];
  const walk = (stack: Layer[]) => {
    for (const layer of stack) {
      if (layer.route) {
        const paths = Array.isArray(layer.route.path) ? layer.route.path : [layer.route.path];
        for (const path of paths) {
          if (typeof path !== 'string') throw new Error(`route with a non-string path: ${String(path)}`);
          for (const [method, on] of Object.entries(layer.route.methods)) if (on) out.push({ method: method.toUpperCase(), path });
        }
      } else if (layer.handle?.stack) {
        if (!layer.slash) throw new Error('a router mounted under a path: listRoutes cannot name its routes');
        walk(layer.handle.stack);
      }
    }
  };
  walk((app as unknown as { router: { stack: Layer[] } }).router.stack);
  return out;
}

const toRegExp = (path: string) => new RegExp(`^${path.split('/').map((seg) => (seg.startsWith(':') ? '[^/]+' : seg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))).join('/')}/?$`, 'i');

/**
 * 405 with an Allow header for a method a path does not serve (instead of 404, or a 401 from a token check
 * that could never lead anywhere). Mounted first; reads the app's routes at the first request, once all are
 * mounted. HEAD of a GET route and OPTIONS are left to express.
 */
export function methodNotAllowed(app: Express): RequestHandler {
  let table: { re: RegExp; methods: Set<string> }[] | undefined;
  /** Paths without parameters, lower-cased: a request one of them serves goes on without testing every pattern. */
  let exact: Map<string, Set<string>> | undefined;
  return (req, res, next) => {
    if (req.method === 'OPTIONS') return next();
    if (!table || !exact) {
      const byPath = new Map<string, Set<string>>();
      for (const r of listRoutes(app)) byPath.set(r.path, (byPath.get(r.path) ?? new Set()).add(r.method));
      table = [...byPath].map(([path, methods]) => ({ re: toRegExp(path), methods }));
      exact = new Map();
      for (const [path, methods] of byPath) {
        if (path.includes(':')) continue;
        const key = path.toLowerCase();
        exact.set(key, new Set([...(exact.get(key) ?? []), ...methods]));
      }
    }
    const served = exact.get(req.path.length > 1 ? req.path.toLowerCase().replace(/\/$/, '') : req.path);
    if (served && (served.has(req.method) || (req.method === 'HEAD' && served.has('GET')))) return next();
    const allowed = new Set(table.filter((t) => t.re.test(req.path)).flatMap((t) => [...t.methods]));
    if (allowed.size === 0 || allowed.has(req.method) || (req.method === 'HEAD' && allowed.has('GET'))) return next();
    if (allowed.has('GET')) allowed.add('HEAD');
    const allow = [...allowed].sort().join(', ');
    res.status(405).set('Allow', allow).json({ error: `${req.method} is not allowed on ${req.path}; use ${allow}` });
  };
}
