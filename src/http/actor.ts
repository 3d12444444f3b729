import type { RequestHandler, Response } from 'express';
import { ADMIN, type ConsoleActor } from '../domain/owner';

/**
 * Who is calling the admin API, as the sign-in step found them: the shared admin token (everything allowed,
 * nobody named) or a signed-in person with a role. Routes pass it on, so the audit trail and the transcript
 * name who did what.
 */
export function actorOf(res: Response): ConsoleActor {
  return (res.locals.actor as ConsoleActor | undefined) ?? ADMIN;
}

export function setActor(res: Response, actor: ConsoleActor): void {
  res.locals.actor = actor;
}

/** The owner's own routes (staff accounts, store settings): the admin token or a signed-in owner. */
export const ownerOnly: RequestHandler = (_req, res, next) => {
  const actor = actorOf(res);
  if (actor.kind === 'admin' || actor.role === 'owner') return next();
  res.status(403).json({ error: 'only the store owner can do this; ask the owner to sign in' });
};
