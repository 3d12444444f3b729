import { error, unauthorized, type RouteDoc } from './openapi-parts';
import * as s from './admin-conversations-schemas';

/** The documentation of the list of every conversation. */
export const CONVERSATION_ROUTES: RouteDoc[] = [
  {
    method: 'get', path: '/admin/conversations', operationId: 'listConversations', tag: 'Admin', security: ['adminToken'],
    summary: 'Every customer\'s conversation: waiting customers first, then the most recently active; searched by name or phone, paged by `page` and `limit`',
    query: s.conversationListQuery,
    responses: {
      200: {
        description: 'One page of conversations', json: s.conversationListBody,
        links: {
          readConversation: { operationId: 'getConversation', parameters: { phone: '$response.body#/conversations/0/phone' } },
          write: { operationId: 'sendStaffMessage', parameters: { phone: '$response.body#/conversations/0/phone' } },
        },
      },
      400: error('`q`, `page` or `limit` is not as described (`details` says which)'), 401: unauthorized,
    },
  },
];
