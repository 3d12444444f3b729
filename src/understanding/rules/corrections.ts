import { parseQuantity } from './numbers';
import { words } from './text';

/** "3 bananas no wait 4", "a dozen eggs, actually make that 6": the amount said last, after the marker. */
const CORRECTED = /^(.+?)[,.]?\s+(?:no\s+wait|no\s+sorry|oh\s+wait|sorry|no|wait|actually|i\s+mean|i\s+meant|or\s+rather)(?:[,]?\s+(?:make\s+(?:that|it)|i\s+mean|actually))?[,]?\s+(.+)$/;

/**
 * A request corrected inside the message ("3 bananas no wait 4"), as the customer meant it at the end
 * ("4 bananas"); undefined when the message is no such correction. Only an amount is corrected: the words
 * after the marker must be an amount and nothing else, and before it an item (with or without an amount).
 */
export function correctedInline(text: string): string | undefined {
  const m = CORRECTED.exec(text);
  if (!m) return undefined;
  const tail = words(m[2]!);
  const amount = parseQuantity(tail, 0);
  if (!amount || amount.next !== tail.length) return undefined;
  const head = words(m[1]!);
  const said = parseQuantity(head, 0);
  const item = head.slice(said?.next ?? 0);
  if (!item.length) return undefined;
  return `${tail.join(' ')} ${item.join(' ')}`;
}
