import { Router, type Response } from 'express';
import type { Config } from '../config';
import type { Outbox } from '../notify/outbox';
import type { ConversationsPort, CustomersPort, TranscriptsPort } from '../store/store';
import { toE164 } from '../domain/phone';
import { conversationParams, staffMessageBody } from './admin-inbox-schemas';
import { actorOf } from './actor';
import { badRequest, parseOr400 } from './errors';
import { unreadOf } from './unread';

const iso = (t: number) => new Date(t).toISOString();
/** How far back the handoff list looks for the customer's last words. */
const LAST_WORDS_WINDOW = 20;

/**
 * The human inbox of the owner's console: who waits for a person and what they wrote,
 * a customer's whole conversation, staff answering on the customer's last channel. Mounted behind the admin
 * bearer check.
 */
export interface InboxRouteDeps {
  store: Pick<CustomersPort, 'getCustomer'> & Pick<ConversationsPort, 'listConversations'> & Pick<TranscriptsPort, 'listTranscript'>;
  config: Pick<Config, 'DEFAULT_COUNTRY'>;
  outbox: Pick<Outbox, 'staff'>;
}

export function adminInboxRoutes(core: InboxRouteDeps): Router {
  const { store } = core;
  const router = Router();

  const phoneOr400 = (params: unknown, res: Response): string | undefined => {
    const p = parseOr400(conversationParams, params, res, 'path');
    if (!p) return undefined;
    const e164 = toE164(p.phone, core.config.DEFAULT_COUNTRY);
    if (e164.ok) return e164.phone;
    badRequest(res, 'invalid phone', [`phone: ${e164.reason}`]);
    return undefined;
  };

  router.get('/admin/handoffs', async (_req, res) => {
    const waiting = await store.listConversations({ stage: 'handoff' });
    const handoffs = await Promise.all(waiting.map(async (c) => {
      const [customer, recent] = await Promise.all([store.getCustomer(c.phone), store.listTranscript(c.phone, LAST_WORDS_WINDOW)]);
      const last = [...recent].reverse().find((e) => e.from === 'customer');
      const unread = unreadOf(recent, c.handoff);
      return {
        phone: c.phone, since: iso(c.updatedAt), unread,
        ...(customer?.name ? { name: customer.name } : {}),
        ...(last ? { lastMessage: last.text } : {}),
        ...(c.handoff ? { reason: c.handoff.reason, ...(c.handoff.about ? { about: c.handoff.about } : {}), ...(c.handoff.orderId ? { orderId: c.handoff.orderId } : {}) } : {}),
      };
    }));
    res.json({ handoffs });
  });

  router.get('/admin/conversations/:phone', async (req, res) => {
    const phone = phoneOr400(req.params, res);
    if (!phone) return;
    const entries = await store.listTranscript(phone, 200);
    res.json({ messages: entries.map((e) => ({ at: iso(e.at), from: e.from, channel: e.channel, text: e.text, ...(e.from === 'staff' && e.by ? { by: e.by } : {}) })) });
  });

  router.post('/admin/conversations/:phone/messages', async (req, res) => {
    const phone = phoneOr400(req.params, res);
    if (!phone) return;
    const body = parseOr400(staffMessageBody, req.body, res, 'message');
    if (!body) return;
    const sent = await core.outbox.staff(phone, body.text, actorOf(res));
    if (sent.ok) { res.status(202).json({ queued: true, channel: sent.channel }); return; }
    if (sent.reason === 'unknown_customer') { res.status(404).json({ error: 'no customer with that phone number' }); return; }
    res.status(409).json({ error: `no channel can reach this customer now (${sent.reason})` });
  });

  return router;
}
