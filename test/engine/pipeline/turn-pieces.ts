import type { Conversation } from '../../../src/domain/types';
import { compose, type Middleware } from '../../../src/engine/pipeline/compose';
import type { MessageContext } from '../../../src/engine/pipeline/context';
import { conversation } from '../../../src/engine/pipeline/conversation';
import { customer } from '../../../src/engine/pipeline/customer';
import { save } from '../../../src/engine/pipeline/save';
import type { kit } from './kit';

type Kit = Awaited<ReturnType<typeof kit>>;

/** A conversation stored as a test needs it (at `stage`, last saved `minutesAgo`). */
export async function storedConversation(k: Kit, c: Partial<Conversation> & { minutesAgo?: number } = {}) {
  const { minutesAgo = 0, ...rest } = c;
  const conv: Conversation = { phone: '+12025550123', stage: 'menu', updatedAt: k.clock.now() - minutesAgo * 60_000, version: 0, ...rest };
  await k.store.saveConversation(conv);
}

/** The pieces up to the turn (customer, conversation, save), then `pieces`, as the engine runs them. */
export function withTurn(k: Kit, ...pieces: Middleware<MessageContext>[]) {
  return compose(customer(k.deps), conversation(k.deps), save(k.deps, k.copy), ...pieces);
}
