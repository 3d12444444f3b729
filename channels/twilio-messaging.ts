import { Router } from 'express';
import type { CountryCode } from 'libphonenumber-js';
import twilio from 'twilio';
import { z } from 'zod';
import { toE164 } from '../src/domain/phone';
import type { MediaPart } from '../src/domain/types';
import type { Engine } from '../src/engine/engine';
import type { ChannelAdapter } from './channel';
import { smsTextsOf } from './render/sms';
import { twilioKeywords } from './twilio-keywords';
import { signedTwilioForm } from './twilio-signature';

export const MESSAGING_PATH = '/twilio/messages';

export const inbound = z.object({
  From: z.string().min(3),
  Body: z.string().default(''),
  MessageSid: z.string().min(10),
  NumMedia: z.coerce.number().int().min(0).default(0),
});

export interface MessagingOptions {
  authToken: string;
  publicUrl: string;
  defaultCountry: CountryCode;
  engine: Engine;
  noMedia: string;
  /** Fetches a message's pictures and voice notes when Gemini reads them; without it they get `noMedia`. */
  media?: (body: unknown) => Promise<MediaPart[]>;
}

/** Replies as SMS/WhatsApp texts, as render/sms.ts renders them (and the outbox's pushes). */

/** Characters XML 1.0 does not allow: twilio's builder (xmlbuilder) throws on them, and so do we, through it. */
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const escapeText = (t: string) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#xD;');

/**
 * The TwiML twilio's MessagingResponse writes for these texts, written directly: its XML builder was 2-3 % of
 * a message's CPU. Texts it would refuse go through it, so they fail as they always did.
 */
export function messagingTwiml(texts: string[]): string {
  if (texts.some((t) => NOT_XML.test(t))) {
    const response = new twilio.twiml.MessagingResponse();
    for (const t of texts) response.message(t);
    return response.toString();
  }
  const head = '<?xml version="1.0" encoding="UTF-8"?>';
  return texts.length === 0 ? `${head}<Response/>` : `${head}<Response>${texts.map((t) => (t ? `<Message>${escapeText(t)}</Message>` : '<Message/>')).join('')}</Response>`;
}

/** WhatsApp and SMS through Twilio Messaging webhooks; `whatsapp:+1…` and `+1…` are the same customer. */
export class TwilioMessagingChannel implements ChannelAdapter {
  readonly name = 'twilio-messaging';

  constructor(private o: MessagingOptions) {}

  routes(): Router {
    const router = Router();
    router.post(MESSAGING_PATH, ...signedTwilioForm(this.o.authToken, this.o.publicUrl), async (req, res) => {
      const parsed = inbound.safeParse(req.body);
      if (!parsed.success) { res.status(400).type('text/plain').send(`invalid webhook: ${parsed.error.issues.map((i) => i.path.join('.')).join(', ')}`); return; }
      const { From, Body, MessageSid, NumMedia } = parsed.data;
      const channel = From.startsWith('whatsapp:') ? 'whatsapp' : 'sms';
      const phone = toE164(From, this.o.defaultCountry);
      if (!phone.ok) { res.status(400).type('text/plain').send(`From ${phone.reason}`); return; }
      let texts: string[];
      const media = NumMedia > 0 && this.o.media ? await this.o.media(req.body) : [];
      if (NumMedia > 0 && !Body.trim() && media.length === 0) texts = [this.o.noMedia];
      else {
        const replies = await this.o.engine.handle({ channel, phone: phone.phone, text: Body, messageId: MessageSid, ...(media.length ? { media } : {}) }, { duplicates: 'silent', use: twilioKeywords });
        texts = smsTextsOf(replies);
      }
      res.type('text/xml').send(messagingTwiml(texts));
    });
    return router;
  }
}
