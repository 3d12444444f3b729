import { Router } from 'express';
import type { ConversationListPort, ConversationsPort, TranscriptsPort } from '../store/store';
import { conversationListQuery } from './admin-conversations-schemas';
import { parseOr400 } from './errors';
import { unreadOf } from './unread';

const iso = (t: number) => new Date(t).toISOString();
/** How far back each row looks for its last message and a waiting customer's unread ones. */
const RECENT = 20;

export interface ConversationRouteDeps {
  store: ConversationListPort & Pick<TranscriptsPort, 'listTranscript'> & Pick<ConversationsPort, 'getConversation'>;
}

/**
 * Every customer's conversation for the console (GET /admin/conversations): searched, paged by `page` and
 * `limit`, waiting customers on top. A transcript opens with GET /admin/conversations/:phone, and staff write
 * with POST /admin/conversations/:phone/messages (admin-inbox.ts).
 */
export function adminConversationRoutes(core: ConversationRouteDeps): Router {
  const { store } = core;
  const router = Router();

  router.get('/admin/conversations', async (req, res) => {
    const q = parseOr400(conversationListQuery, req.query, res, 'query');
    if (!q) return;
    const { rows, more } = await store.listConversationSummaries({ ...(q.q ? { search: q.q } : {}), offset: (q.page - 1) * q.limit, limit: q.limit });
    const conversations = await Promise.all(rows.map(async (r) => {
      const [recent, conv] = await Promise.all([store.listTranscript(r.phone, RECENT), r.waiting ? store.getConversation(r.phone) : undefined]);
      const last = recent.at(-1);
      return {
        phone: r.phone,
        ...(r.name !== undefined ? { name: r.name } : {}),
        ...(r.stage ? { stage: r.stage } : {}),
        waiting: r.waiting,
        lastActivityAt: iso(r.lastActivityAt),
        ...(r.lastChannel ? { channel: r.lastChannel } : {}),
        ...(last ? { lastMessage: { text: last.text, at: iso(last.at), from: last.from } } : {}),
        ...(r.waiting ? { unread: unreadOf(recent, conv?.handoff) } : {}),
      };
    }));
    res.json({ conversations, page: q.page, limit: q.limit, more });
  });

  return router;
}
