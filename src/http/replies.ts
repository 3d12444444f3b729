import type { Reply } from '../domain/types';
import type { ApiReply } from './schemas';

/**
 * The message API's renderer: a reply as JSON, its key and parameters, its text, its list and its options as
 * `{id, label}`, and nothing else the engine may carry.
 */
export function toApiReply(r: Reply): ApiReply {
  return {
    key: r.key,
    ...(r.params ? { params: r.params } : {}),
    text: r.text,
    ...(r.list ? { list: { intro: r.list.intro, items: r.list.items.map((i) => ({ label: i.label, ...(i.cents !== undefined ? { cents: i.cents } : {}) })), ...(r.list.outro !== undefined ? { outro: r.list.outro } : {}) } } : {}),
    ...(r.options?.length ? { options: r.options.map((o) => ({ id: o.id, label: o.label })) } : {}),
  };
}

/**
 * The web chat's renderer: a reply as its page gets it, the answer to POST /chat/messages as much as a
 * message the outbox kept for GET /chat/updates and /chat/history. The page reads the JSON the API returns.
 */
export const toWebReply: (r: Reply) => ApiReply = toApiReply;
