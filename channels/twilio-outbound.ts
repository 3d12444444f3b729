import type { Clock } from '../src/domain/types';
import { SendError, SendOutcomeUnknown } from '../src/notify/errors';
import type { OutboundMessage, Sender } from '../src/notify/outbox';
import type { TwilioClient } from './twilio-client';
import { smsTexts, templateText } from './render/sms';
import { OUTSIDE_WINDOW, STATUS_PATH } from './twilio-status';

export { cleanVariable } from './render/sms';

const WINDOW_MS = 24 * 60 * 60_000;

export interface TwilioOutboundOptions {
  smsFrom?: string;
  whatsappFrom?: string;
  /** Content template for WhatsApp messages outside the 24-hour window; its variable {{1}} is the text. */
  whatsappTemplateSid?: string;
  /** PUBLIC_URL: where Twilio reports each message's fate (POST /twilio/status?delivery=…). */
  publicUrl?: string;
  clock: Clock;
}

/** Network errors where the request never reached Twilio: safe to send again. */
const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ERR_SOCKET_CONNECTION_TIMEOUT']);

/**
 * What a failed Messages API call means for the outbox. An HTTP answer is definite: 429 and 5xx are worth
 * retrying, any other refusal is permanent. No answer at all (a timeout, a connection cut after the request
 * went out) is unknown: Twilio may have taken the message, so it must not be sent again blindly.
 */
export function classifyTwilioError(err: unknown): SendError {
  if (err instanceof SendError) return err;
  const e = err as { status?: unknown; code?: unknown; message?: unknown; retryAfterMs?: unknown };
  const message = typeof e.message === 'string' ? e.message : 'Twilio request failed';
  if (typeof e.status === 'number') {
    const code = e.code !== undefined && e.code !== 0 ? String(e.code) : String(e.status);
    if (e.status === 429) return new SendError(message, false, code, typeof e.retryAfterMs === 'number' ? e.retryAfterMs : undefined);
    if (e.status >= 500) return new SendError(message, false, code);
    return new SendError(message, true, code);
  }
  if (typeof e.code === 'string' && NOT_SENT.has(e.code)) return new SendError(message, false, 'network');
  if (typeof e.code === 'string' || /timeout|socket hang up|aborted/i.test(message)) return new SendOutcomeUnknown(`no answer from Twilio (${typeof e.code === 'string' ? e.code : 'timeout'})`);
  return new SendError(message, false, 'network');
}

/** SMS and WhatsApp senders over Twilio's Messages API. */
export function twilioSenders(client: TwilioClient, o: TwilioOutboundOptions): { sms?: Sender; whatsapp?: Sender } {
  const statusCallback = (deliveryId: string) => (o.publicUrl ? { statusCallback: `${o.publicUrl}${STATUS_PATH}?delivery=${encodeURIComponent(deliveryId)}` } : {});
  const create = async (msg: OutboundMessage, params: { from: string; to: string; body?: string; contentSid?: string; contentVariables?: string }) => {
    try {
      const m = await client.messages.create({ ...params, ...statusCallback(msg.deliveryId) });
      return { providerId: m.sid };
    } catch (err) {
      throw classifyTwilioError(err);
    }
  };

  const sms: Sender | undefined = o.smsFrom ? {
    async send(msg) {
      let last: { providerId?: string } = {};
      // Longer than one message can carry (rare for what the store starts): the parts go in order.
      for (const body of smsTexts(msg.reply)) last = await create(msg, { from: o.smsFrom!, to: msg.phone, body });
      return last;
    },
  } : undefined;

  const whatsapp: Sender | undefined = o.whatsappFrom ? {
    async send(msg) {
      const from = `whatsapp:${o.whatsappFrom}`;
      const to = `whatsapp:${msg.phone}`;
      // WhatsApp lets a business write freely only within 24 hours of the customer's last message.
      if (!msg.outsideWindow && msg.contact && o.clock.now() - msg.contact.lastInboundAt < WINDOW_MS) {
        try {
          let last: { providerId?: string } = {};
          for (const body of smsTexts(msg.reply)) last = await create(msg, { from, to, body });
          return last;
        } catch (err) {
          // Our clock and WhatsApp's window disagree: the template is the way in, as below.
          if (!(err instanceof SendError && err.code === OUTSIDE_WINDOW)) throw err;
        }
      }
      if (!o.whatsappTemplateSid) throw new SendError('outside the WhatsApp 24-hour window, and no template is set', true, OUTSIDE_WINDOW);
      return create(msg, { from, to, contentSid: o.whatsappTemplateSid, contentVariables: JSON.stringify({ 1: templateText(msg.reply) }) });
    },
  } : undefined;
  return { ...(sms ? { sms } : {}), ...(whatsapp ? { whatsapp } : {}) };
}
