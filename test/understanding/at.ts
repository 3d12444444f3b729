import type { Stage } from '../../src/domain/types';
import { ownQuestion } from '../../src/engine/stages/asking';
import type { InterpretContext } from '../../src/understanding/interpreter';

/** The context the engine gives the interpreter at a stage with nothing else asked: the stage's own question. */
export function at(stage: Stage): InterpretContext {
  const asking = ownQuestion(stage);
  return asking ? { asking } : {};
}
