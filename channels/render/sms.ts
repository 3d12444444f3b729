// SMS and WhatsApp: a reply as the texts the customer receives, the same for the answer to a webhook (TwiML
// <Message>s) and for a message the outbox pushes (Twilio's Messages API).
import type { Reply } from '../../src/domain/types';
import { numberedOptions, splitText } from '../text';

/** The longest text Twilio sends as one message (it splits it into segments itself). */
export const SMS_MAX = 1600;
/** The longest WhatsApp template variable we send: a template's whole body may be at most 1,024 characters. */
const VARIABLE_MAX = 900;

/** One reply as texts: its words, the options as a numbered list, split at 1,600 characters (options stay with the last piece). */
export function smsTexts(reply: Reply): string[] {
  return splitText(`${reply.text}${numberedOptions(reply.options)}`, SMS_MAX);
}

/** Several replies as texts, in order. */
export function smsTextsOf(replies: readonly Reply[]): string[] {
  return replies.flatMap(smsTexts);
}

/**
 * A template variable as WhatsApp accepts it (error 21656 otherwise): no newlines or tabs, no runs of more
 * than three spaces, not empty, and short enough for the template.
 */
export function cleanVariable(text: string): string {
  const clean = text.replace(/[\r\n\t]+/g, ' ').replace(/ {4,}/g, '   ').trim();
  const short = clean.length > VARIABLE_MAX ? `${clean.slice(0, VARIABLE_MAX - 1).trimEnd()}…` : clean;
  return short || '…';
}

/** A reply as the one line of a WhatsApp template (outside the 24-hour window): its words, then its options' labels. */
export function templateText(reply: Reply): string {
  return cleanVariable(`${reply.text}${reply.options?.length ? ` (${reply.options.map((o) => o.label).join(' / ')})` : ''}`);
}
