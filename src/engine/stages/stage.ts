import type { Conversation, Stage, StageQuestion } from '../../domain/types';
import type { Action } from '../options';
import type { Turn } from '../turn';

/** What a stage did with a message: answered it, or left it to the common handlers (help, cart, browse…). */
export type Handled = 'handled' | 'not_mine';

/**
 * One stage of the dialogue: the question it puts on the table when entered, its answer to a message, and
 * what leaving it cleans up. Moves between stages go through moveTo (src/engine/transitions.ts), which checks
 * the transition table and runs `onExit` of the stage left and `asks` of the stage entered, in one place.
 */
export interface StageModule {
  /** The question the stage asks when entered (the conversation's `asking`); none: the customer leads. */
  readonly asks?: StageQuestion;
  /** The stage's own answer to a message; without one, every message goes to the common handlers. */
  handle?(turn: Turn, action: Action): Promise<Handled>;
  /** Cleans up what only this stage kept, when the conversation leaves it for `to` (not when it stays). */
  onExit?(conv: Conversation, to: Stage): void;
}
