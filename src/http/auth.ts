import { timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Requires `Authorization: Bearer <token>`. With no token configured nothing gets through: a route behind
 * a token is never open by accident.
 */
export function bearer(token: string | undefined, realm: string): RequestHandler {
  return (req, res, next) => {
    const header = req.get('authorization') ?? '';
    const m = /^Bearer\s+(.+)$/i.exec(header);
    if (token && m && same(m[1]!.trim(), token)) return next();
    res.status(401).set('WWW-Authenticate', `Bearer realm="${realm}"`).json({ error: header ? 'invalid token' : 'missing Authorization: Bearer <token> header' });
  };
}
