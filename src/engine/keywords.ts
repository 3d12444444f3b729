import type { InboundMessage } from '../domain/types';

export type SmsKeyword = 'stop' | 'start' | 'help';

// The single words carriers and Twilio treat as opt-out, opt-in and help on long codes and WhatsApp.
const KEYWORDS = new Map<string, SmsKeyword>([
  ['stop', 'stop'], ['stopall', 'stop'], ['unsubscribe', 'stop'], ['cancel', 'stop'], ['end', 'stop'], ['quit', 'stop'],
  ['start', 'start'], ['unstop', 'start'],
  ['help', 'help'],
]);

/** The keyword a message on SMS or WhatsApp is, when it is exactly one (any case, trimmed, trailing punctuation allowed). */
export function smsKeyword(msg: Pick<InboundMessage, 'channel' | 'text'>): SmsKeyword | undefined {
  if (msg.channel !== 'sms' && msg.channel !== 'whatsapp') return undefined;
  const word = /^\s*([a-z]+)\s*[.!?]*\s*$/i.exec(msg.text)?.[1]?.toLowerCase();
  return word === undefined ? undefined : KEYWORDS.get(word);
}
