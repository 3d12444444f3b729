import type { Response } from 'express';
import type { Config } from '../config';
import { toE164 } from '../domain/phone';
import { badRequest } from './errors';

/** A phone from a request in E.164 form, or undefined after answering 400 with what is wrong with it. */
export function phoneOr400(core: { config: Pick<Config, 'DEFAULT_COUNTRY'> }, value: string, res: Response, field: string): string | undefined {
  const p = toE164(value, core.config.DEFAULT_COUNTRY);
  if (p.ok) return p.phone;
  badRequest(res, `invalid ${field}`, [`${field}: ${p.reason}`]);
  return undefined;
}
