import { Router } from 'express';
import { z } from 'zod';
import type { Core } from '../core';
import { toE164 } from '../domain/phone';
import { bearer } from './auth';
import { parseOr400 } from './errors';

const messageSchema = z.object({
  from: z.string().min(1).max(40),
  text: z.string().max(20_000),
  messageId: z.string().trim().min(1).max(200).optional(),
  channel: z.enum(['web', 'api', 'cli']).default('api'),
}).strict();

/** The local channel: a JSON message in, the engine's replies out. */
export function apiRoutes(core: Core): Router {
  const router = Router();
  router.post('/api/messages', bearer(core.config.API_TOKEN, 'api'), async (req, res) => {
    const body = parseOr400(messageSchema, req.body, res, 'message');
    if (!body) return;
    const phone = toE164(body.from, core.config.DEFAULT_COUNTRY);
    if (!phone.ok) { res.status(400).json({ error: 'invalid message', details: [`from: ${phone.reason}`] }); return; }
    const replies = await core.engine.handle({ channel: body.channel, phone: phone.phone, text: body.text, messageId: body.messageId });
    res.json({ replies });
  });
  return router;
}
