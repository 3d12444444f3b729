import { route as dialogue } from '../stages/router';
import type { Piece } from './context';

/** The understood message handled by the conversation's stage (the dialogue's router). */
export const route: Piece = async (ctx, next) => {
  if (ctx.action) await dialogue(ctx.turn, ctx.action);
  await next();
};
