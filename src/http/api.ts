import { Router } from 'express';
import type { Core } from '../core';
import { toE164 } from '../domain/phone';
import { bearer } from './auth';
import { parseOr400 } from './errors';
import { toApiReply } from './replies';
import { apiMessageBody } from './schemas';

/** How long a caller should wait before sending a failed message again. */
const RETRY_AFTER_SECONDS = 10;

/**
 * The message API for trusted integrations: a JSON message in, the engine's replies out, always behind
 * `Authorization: Bearer <API_TOKEN>` (the caller vouches for the phone numbers it relays).
 */
export function apiRoutes(core: Pick<Core, 'config' | 'engine'>, apiToken: string | undefined): Router {
  const router = Router();
  router.post('/api/messages', bearer(apiToken, 'api'), async (req, res) => {
    const body = parseOr400(apiMessageBody, req.body, res, 'message');
    if (!body) return;
    const phone = toE164(body.from, core.config.DEFAULT_COUNTRY);
    if (!phone.ok) { res.status(400).json({ error: 'invalid message', details: [`from: ${phone.reason}`] }); return; }
    const replies = await core.engine.handle({
      channel: body.channel, phone: phone.phone, text: body.text, messageId: body.messageId, ...(body.option ? { option: body.option } : {}),
    });
    // The store or another dependency failed: nothing is lost (the message stays pending), and the same
    // messageId sent again completes it, telling what its first attempt did.
    if (replies.some((r) => r.key === 'trouble')) {
      res.status(503).set('Retry-After', String(RETRY_AFTER_SECONDS))
        .json({ error: 'temporarily unavailable: send the same message (with its messageId) again', retryAfterSeconds: RETRY_AFTER_SECONDS, replies: replies.map(toApiReply) });
      return;
    }
    res.json({ replies: replies.map(toApiReply) });
  });
  return router;
}
