import type { TranscriptEntry } from '../domain/owner';
import type { Conversation } from '../domain/types';

/**
 * How many messages a waiting customer wrote that no one has answered: from the message that asked for a
 * person on, since staff last answered, within `recent` (the end of their transcript).
 */
export function unreadOf(recent: readonly TranscriptEntry[], handoff: Conversation['handoff']): number {
  const asked = recent.findIndex((e) => e.id === `${handoff?.askedIn}#in00`);
  const answered = recent.map((e) => e.from).lastIndexOf('staff');
  return recent.slice(Math.max(asked, answered + 1)).filter((e) => e.from === 'customer').length;
}
