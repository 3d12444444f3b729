import { Router } from 'express';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { Clock, Delivery, DeliveryStatus } from '../src/domain/types';
import { recordRefusal } from '../src/notify/channel-states';
import type { OutboundPort } from '../src/store/store';
import type { ChannelAdapter } from './channel';
import { signedTwilioForm } from './twilio-signature';

export const STATUS_PATH = '/twilio/status';
/** Twilio: a WhatsApp message outside the 24-hour customer service window needs an approved template. */
export const OUTSIDE_WINDOW = '63016';

export const callback = z.object({
  MessageSid: z.string().min(10).max(64),
  MessageStatus: z.string().min(1).max(40),
  ErrorCode: z.string().regex(/^\d{1,8}$/).optional().or(z.literal('').transform(() => undefined)),
});
export const query = z.object({ delivery: z.string().min(1).max(200).regex(/^[\w.-]+$/) });

/** Twilio's message statuses, as far as a Delivery follows them; the others (sending, accepted…) change nothing. */
const MEANS: ReadonlyMap<string, DeliveryStatus> = new Map([
  ['sent', 'sent'], ['delivered', 'delivered'], ['read', 'delivered'], ['undelivered', 'undelivered'], ['failed', 'failed'],
]);
/** Callbacks can arrive out of order: a status never moves back. */
const RANK: ReadonlyMap<DeliveryStatus, number> = new Map([['queued', 0], ['sent', 1], ['delivered', 2], ['undelivered', 2], ['failed', 2], ['skipped', 2]]);

export interface StatusOptions {
  authToken: string;
  publicUrl: string;
  store: Pick<OutboundPort, 'getDelivery' | 'putDelivery' | 'getChannelStates' | 'putChannelState'>;
  clock: Clock;
  log: Logger;
  /**
   * A WhatsApp message Twilio took was then refused as outside the 24-hour window (63016): send it again
   * through the template (then SMS). Given the delivery and Twilio's id of the refused message.
   */
  outsideWindow?: (delivery: Delivery, messageSid: string) => Promise<void>;
}

/**
 * `POST /twilio/status?delivery=<our id>`: Twilio reports what became of each message we sent (the URL is
 * the StatusCallback given when sending). Signed like every Twilio webhook.
 */
export class TwilioStatusCallbacks implements ChannelAdapter {
  readonly name = 'twilio-status';

  constructor(private o: StatusOptions) {}

  routes(): Router {
    const router = Router();
    router.post(STATUS_PATH, ...signedTwilioForm(this.o.authToken, this.o.publicUrl), async (req, res) => {
      const q = query.safeParse(req.query);
      const body = callback.safeParse(req.body);
      if (!q.success || !body.success) { res.status(400).type('text/plain').send('invalid status callback: delivery, MessageSid and MessageStatus are required'); return; }
      const { store, clock, log } = this.o;
      const id = q.data.delivery;
      const { MessageSid, MessageStatus, ErrorCode } = body.data;
      const d = await store.getDelivery(id);
      if (!d) { log.warn({ deliveryId: id }, 'status callback for an unknown delivery'); res.status(204).end(); return; }
      const status = MEANS.get(MessageStatus);
      const moves = status !== undefined && (RANK.get(status) ?? 0) > (RANK.get(d.status) ?? 0);
      if (moves || (!d.providerId && status !== undefined)) {
        const { errorCode: _code, detail: _detail, ...rest } = d;
        await store.putDelivery({
          ...rest,
          // A move replaces the error code; "delivered" also clears the note of an unknown outcome.
          ...(moves ? (ErrorCode ? { errorCode: ErrorCode } : {}) : (_code ? { errorCode: _code } : {})),
          ...((moves && status === 'delivered') || !_detail ? {} : { detail: _detail }),
          ...(moves ? { status } : {}),
          providerId: d.providerId ?? MessageSid,
          updatedAt: clock.now(),
        });
        log.info({ deliveryId: id, status: moves ? status : d.status, errorCode: ErrorCode }, 'delivery status');
      }
      // Twilio's word that the customer opted out (21610) or the number is invalid holds for later messages too.
      if (ErrorCode) await recordRefusal(store, clock, d.phone, d.channel, ErrorCode);
      // Only the callback that moved it to its end resends, so a repeated callback resends nothing.
      if (moves && ErrorCode === OUTSIDE_WINDOW && d.channel === 'whatsapp' && (status === 'undelivered' || status === 'failed') && this.o.outsideWindow) {
        try {
          await this.o.outsideWindow(d, MessageSid);
        } catch (err) {
          log.warn({ deliveryId: id, err: (err as Error).name }, 'could not resend a message refused outside the WhatsApp window');
        }
      }
      res.status(204).end();
    });
    return router;
  }
}
