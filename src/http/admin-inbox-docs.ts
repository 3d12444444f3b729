import { z } from 'zod';
import { error, json, jsonBodyErrors, chatLimit, unauthorized, type RouteDoc } from './openapi-parts';
import * as s from './admin-inbox-schemas';

const badPhone = error('The phone is not a valid number');

/** The documentation of the human inbox, the console's event stream and the web chat's updates and history. */
export const INBOX_ROUTES: RouteDoc[] = [
  {
    method: 'get', path: '/admin/handoffs', operationId: 'listHandoffs', tag: 'Admin', security: ['adminToken'],
    summary: 'Customers waiting for a person, with their name and last message',
    responses: {
      200: {
        description: 'Waiting customers', json: s.handoffsBody,
        links: {
          readConversation: { operationId: 'getConversation', parameters: { phone: '$response.body#/handoffs/0/phone' } },
          answer: { operationId: 'sendStaffMessage', parameters: { phone: '$response.body#/handoffs/0/phone' } },
        },
      },
      401: unauthorized,
    },
  },
  {
    method: 'get', path: '/admin/conversations/:phone', operationId: 'getConversation', tag: 'Admin', security: ['adminToken'],
    summary: 'A customer\'s conversation: every message in and out, oldest first (the last 200; kept TRANSCRIPT_DAYS)',
    params: s.conversationParams,
    responses: { 200: { description: 'The messages (none for a phone never seen)', json: s.conversationBody }, 400: badPhone, 401: unauthorized },
  },
  {
    method: 'post', path: '/admin/conversations/:phone/messages', operationId: 'sendStaffMessage', tag: 'Admin', security: ['adminToken'],
    summary: 'Answer a customer as the store\'s staff, on their last channel (a web-chat customer sees it in the open page); the customer stays with a person until released',
    params: s.conversationParams, body: json(s.staffMessageBody),
    responses: {
      202: { description: 'Queued for sending', json: s.staffQueuedBody }, ...jsonBodyErrors, 401: unauthorized,
      404: error('No customer with that phone'),
      409: error('No channel may carry a message to this customer now (opted out, unreachable, or no channel set up)'),
    },
  },
  {
    method: 'get', path: '/admin/events', operationId: 'consoleEvents', tag: 'Admin', security: ['adminToken'],
    summary: 'Server-Sent Events for the console: `order` {orderId}, `transcript` {phone}, `handoff` {phone}, `low_stock` {sku}, `catalog` {version} (products changed); a `: ping` comment every 15 s',
    responses: { 200: { description: 'An endless event stream', text: 'text/event-stream' }, 401: unauthorized },
  },
  {
    method: 'get', path: '/chat/updates', operationId: 'chatUpdates', tag: 'Web chat', security: ['chatSession'],
    summary: 'What the store sent this customer unasked since `after`: order updates, notices, staff answers (the chat page polls it)',
    query: s.chatUpdatesQuery,
    responses: {
      200: { description: 'New messages, oldest first', json: s.chatUpdatesBody },
      400: error('`after` is not an ISO date-time'), 401: error('No valid session: verify the phone first'), 429: chatLimit,
    },
  },
  {
    method: 'get', path: '/chat/history', operationId: 'chatHistory', tag: 'Web chat', security: ['chatSession'],
    summary: 'The signed-in customer\'s recent web chat, cart and open question (the chat page shows them when it opens)',
    query: s.chatHistoryQuery,
    responses: {
      200: { description: 'The conversation so far', json: s.chatHistoryBody },
      400: error('`limit` is not a whole number from 1 to 200'), 401: error('No valid session: verify the phone first'), 429: chatLimit,
    },
  },
];
