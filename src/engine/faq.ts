import type { Turn } from './turn';

/** The FAQ topic about opening hours: its answer says when an order would be prepared while the store is closed. */
export const HOURS_TOPIC = 'hours';

/**
 * The owner's answer to an FAQ topic as the settings hold it now; asked about the hours ("are you open?")
 * while the store is closed, followed by when an order placed now would be prepared.
 */
export function faqReply(turn: Turn, topic: string): string {
  const answer = turn.deps.faq.get(topic);
  if (answer === undefined) return turn.copy.didntUnderstand;
  return topic === HOURS_TOPIC ? `${answer}${turn.whenPrepared()}` : answer;
}
