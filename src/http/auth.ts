import { timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Requires `Authorization: Bearer <token>`; with no token configured, lets everything through. */
export function bearer(token: string | undefined, realm: string): RequestHandler {
  return (req, res, next) => {
    if (!token) return next();
    const header = req.get('authorization') ?? '';
    const m = /^Bearer\s+(.+)$/i.exec(header);
    if (m && same(m[1]!.trim(), token)) return next();
    res.status(401).set('WWW-Authenticate', `Bearer realm="${realm}"`).json({ error: header ? 'invalid token' : 'missing Authorization: Bearer <token> header' });
  };
}
