import type { ChannelContact, Clock } from '../src/domain/types';
import type { Sender, Senders } from '../src/notify/outbox';
import type { TwilioClient } from './twilio-client';

const WINDOW_MS = 24 * 60 * 60_000;

export interface TwilioOutboundOptions {
  smsFrom?: string;
  whatsappFrom?: string;
  /** Content template for WhatsApp messages outside the 24-hour window; its variable {{1}} is the text. */
  whatsappTemplateSid?: string;
  clock: Clock;
}

/** SMS and WhatsApp senders over Twilio's Messages API. */
export function twilioSenders(client: TwilioClient, o: TwilioOutboundOptions): Senders {
  const sms: Sender | undefined = o.smsFrom ? {
    async send(phone, _contact, text) {
      await client.messages.create({ from: o.smsFrom, to: phone, body: text });
    },
  } : undefined;
  const whatsapp: Sender | undefined = o.whatsappFrom ? {
    async send(phone: string, contact: ChannelContact | undefined, text: string) {
      const from = `whatsapp:${o.whatsappFrom}`;
      const to = `whatsapp:${phone}`;
      // WhatsApp lets a business write freely only within 24 hours of the customer's last message.
      if (contact && o.clock.now() - contact.lastInboundAt < WINDOW_MS) {
        await client.messages.create({ from, to, body: text });
      } else if (o.whatsappTemplateSid) {
        await client.messages.create({ from, to, contentSid: o.whatsappTemplateSid, contentVariables: JSON.stringify({ 1: text }) });
      } else if (sms) {
        await sms.send(phone, undefined, text);
      } else {
        throw new Error('outside the WhatsApp 24-hour window, with no template and no SMS number');
      }
    },
  } : undefined;
  return { ...(sms ? { sms } : {}), ...(whatsapp ? { whatsapp } : {}) };
}
