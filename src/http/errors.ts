import type { ErrorRequestHandler, RequestHandler, Response } from 'express';
import type { Logger } from 'pino';
import type { z } from 'zod';
import { describeIssues } from '../domain/schemas';

export function badRequest(res: Response, error: string, details?: string[]): void {
  res.status(400).json(details ? { error, details } : { error });
}

/** Parses with a schema, or answers 400 naming every bad field and returns undefined. */
export function parseOr400<T extends z.ZodType>(schema: T, value: unknown, res: Response, what: string): z.infer<T> | undefined {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  badRequest(res, `invalid ${what}`, describeIssues(parsed.error));
  return undefined;
}

/** Most bodies: a message, a status change. */
export const BODY_LIMIT = '64kb';
/** PUT /admin/products: a whole catalog (the schema allows 5,000 products, some 200 bytes each). */
export const CATALOG_BODY_LIMIT = '1mb';

/** JSON bodies only, on the methods that carry one. */
export const requireJson: RequestHandler = (req, res, next) => {
  // A request without a body (no Content-Length, or 0, and not chunked) needs no content type.
  const hasBody = req.headers['transfer-encoding'] !== undefined || (req.headers['content-length'] ?? '0') !== '0';
  if (['POST', 'PUT', 'PATCH'].includes(req.method) && hasBody && !req.is('application/json')) {
    res.status(415).json({ error: 'send the body as JSON with Content-Type: application/json' });
    return;
  }
  next();
};

export const notFound: RequestHandler = (req, res) => {
  res.status(404).json({ error: `no route for ${req.method} ${req.path}` });
};

const size = (bytes: number | undefined) => (!bytes ? 'the limit' : bytes >= 1 << 20 ? `${Math.round(bytes / (1 << 20))} MB` : `${Math.round(bytes / 1024)} KB`);

/** Maps body-parser failures to clear 4xx answers; anything else is a 500 without internals. */
export function errorHandler(log: Logger): ErrorRequestHandler {
  return (err, req, res, _next) => {
    const e = err as { type?: string; status?: number; message?: string };
    if (e.type === 'entity.parse.failed') { badRequest(res, `malformed JSON: ${e.message ?? 'could not parse the body'}`); return; }
    if (e.type === 'entity.too.large') { res.status(413).json({ error: `body too large: at most ${size((e as { limit?: number }).limit)}` }); return; }
    if (e.type === 'encoding.unsupported' || e.type === 'charset.unsupported') { res.status(415).json({ error: 'the body must be UTF-8 JSON' }); return; }
    if (e.status && e.status >= 400 && e.status < 500) { res.status(e.status).json({ error: e.message ?? 'bad request' }); return; }
    log.error({ err, path: req.path }, 'request failed');
    res.status(500).json({ error: 'internal error' });
  };
}
