import type { Asking, Conversation, SideQuestion, Stage, StageQuestion } from '../../domain/types';
import { STAGE_MODULES } from './index';

/** The question a stage asks of itself (a copy: the conversation's may be changed), if it asks one. */
export function ownQuestion(stage: Stage): StageQuestion | undefined {
  const asks = STAGE_MODULES[stage].asks;
  return asks && { ...asks };
}

const STAGE_KINDS: ReadonlySet<Asking['kind']> = new Set(Object.values(STAGE_MODULES).flatMap((m) => (m.asks ? [m.asks.kind] : [])));

/** The question on the table if it is a side question (which one, how many, a confirmation), not a stage's own. */
export function sideQuestion(asking: Asking | undefined): SideQuestion | undefined {
  return asking && !STAGE_KINDS.has(asking.kind) ? (asking as SideQuestion) : undefined;
}

/**
 * A side question is answered, or set aside, by the message that came after it: the stage's own question
 * (if it has one) is back on the table.
 */
export function settleQuestion(conv: Conversation): void {
  conv.asking = ownQuestion(conv.stage);
}

/**
 * A conversation as it was saved before `asking`: the side question in `pending`, the stage's own question
 * implied by the stage. Read as one saved now: `pending` becomes `asking`, else the stage's own question.
 */
export type SavedConversation = Conversation & { pending?: SideQuestion };

/** A saved conversation in today's shape, whichever shape it was saved in. */
export function normalised(saved: SavedConversation): Conversation {
  // Saved in today's shape (every conversation once it has been saved again): nothing to do, nothing copied.
  if (saved.asking !== undefined && !('pending' in saved)) return saved;
  const { pending, ...conv } = saved;
  if (conv.asking !== undefined) return conv;
  const asking = pending ?? ownQuestion(conv.stage);
  return asking ? { ...conv, asking } : conv;
}

/** The customer's conversation as the store gave it (normalised), or a new one at the greeting. */
export function conversationOf(saved: SavedConversation | undefined, phone: string, now: number): Conversation {
  if (saved) return normalised(saved);
  const conv: Conversation = { phone, stage: 'greeting', updatedAt: now, version: 0 };
  settleQuestion(conv);
  return conv;
}
