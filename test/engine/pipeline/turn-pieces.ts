import type { Conversation } from '../../../src/domain/types';
import { compose, type Middleware } from '../../../src/engine/pipeline/compose';
import type { MessageContext } from '../../../src/engine/pipeline/context';
import { conversation } from '../../../src/engine/pipeline/conversation';
import { customer } from '../../../src/engine/pipeline/customer';
import { save } from '../../../src/engine/pipeline/save';
import { begin } from '../../../src/engine/pipeline/begin';
import { record } from '../../../src/engine/pipeline/record';
import { Leases } from '../../../src/engine/lease';
import { KeyedQueue } from '../../../src/lib/keyed-queue';
import type { kit } from './kit';

type Kit = Awaited<ReturnType<typeof kit>>;

/** A conversation stored as a test needs it (at `stage`, last saved `minutesAgo`). */
export async function storedConversation(k: Kit, c: Partial<Conversation> & { minutesAgo?: number } = {}) {
  const { minutesAgo = 0, ...rest } = c;
  const conv: Conversation = { phone: '+12025550123', stage: 'menu', updatedAt: k.clock.now() - minutesAgo * 60_000, version: 0, ...rest };
  await k.store.saveConversation(conv);
}

/** The turn begun in the store and ended by its record, as the engine runs them, around `pieces`. */
export function inTurn(k: Kit, ...pieces: Middleware<MessageContext>[]) {
  return compose(begin({ queue: new KeyedQueue(), leases: new Leases(k.store, k.clock), store: k.store }), record(k.deps, k.copy), ...pieces);
}

/** The pieces up to the turn (begun, customer, conversation, save), then `pieces`, as the engine runs them. */
export function withTurn(k: Kit, ...pieces: Middleware<MessageContext>[]) {
  return inTurn(k, customer(k.deps), conversation, save(k.deps, k.copy), ...pieces);
}
