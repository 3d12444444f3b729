import { z } from 'zod';
import { callback as twilioStatusForm, query as twilioStatusQuery } from '../../channels/twilio-status';
import { updateSchema as telegramUpdate } from '../../channels/telegram-update';
import { inbound as twilioMessageForm } from '../../channels/twilio-messaging';
import { call as twilioCall, gathered as twilioGathered, turnQuery as twilioTurnQuery } from '../../channels/twilio-voice';
import { productInputSchema } from '../domain/schemas';
import { normalizeUnit, WEIGHT_UNITS, WEIGHT_WORDS, weightStep } from '../domain/units';
import { DASHBOARD_ROUTE_DOCS } from './dashboard/assets';
import * as s from './schemas';
import { CATALOG_ROUTES } from './catalog-docs';
import { PROMOTION_ROUTES } from './admin-promotions-docs';
import { STOCK_WISH_ROUTES } from './admin-stock-wishes-docs';
import { STAFF_ROUTES } from './admin-staff-docs';
import { SETTINGS_ROUTES } from './admin-settings-docs';
import { ORDER_CHANGE_ROUTES } from './admin-order-changes-docs';
import {
  chatLimit, error, form, json, jsonBodyErrors, page, tooMany, twilioRefusals, unauthorized, xml, type Answer, type RouteDoc, type Security,
} from './openapi-parts';

import { INBOX_ROUTES } from './admin-inbox-docs';
import { CONVERSATION_ROUTES } from './admin-conversations-docs';
import { ORDER_ROUTES } from './admin-orders-docs';

export type { RouteDoc } from './openapi-parts';

/**
 * The HTTP API as an OpenAPI 3.1 document, built from the zod schemas the routes parse with (src/http/schemas.ts
 * and the webhooks' own, in channels/). Every route the app can serve is listed in ROUTES;
 * test/http/openapi.test.ts fails when express and this list disagree.
 */

export const ROUTES: RouteDoc[] = [
  // ---- health and metrics ----
  { method: 'get', path: '/healthz', operationId: 'health', tag: 'Operations', summary: 'Liveness: the process answers', responses: { 200: { description: 'Alive', json: s.healthBody } } },
  {
    method: 'get', path: '/readyz', operationId: 'readiness', tag: 'Operations', summary: 'Readiness: the store (and Redis, when used) answer within 2 s',
    responses: { 200: { description: 'Ready', json: s.readyBody }, 503: { description: 'A dependency is not answering', json: s.readyBody } },
  },
  {
    method: 'get', path: '/metrics', operationId: 'metrics', tag: 'Operations', summary: 'Prometheus metrics', security: ['metricsToken', 'adminToken'],
    responses: { 200: page('text/plain', 'Prometheus text exposition format'), 401: unauthorized },
  },
  // ---- documentation ----
  { method: 'get', path: '/openapi.json', operationId: 'openapiDocument', tag: 'Documentation', summary: 'This document', responses: { 200: { description: 'OpenAPI 3.1', anyJson: true } } },
  { method: 'get', path: '/docs', operationId: 'docsPage', tag: 'Documentation', summary: 'This document, rendered (Swagger UI)', responses: { 200: page('text/html', 'HTML page') } },
  { method: 'get', path: '/docs/swagger-ui.css', operationId: 'docsCss', tag: 'Documentation', summary: 'Swagger UI styles', responses: { 200: page('text/css', 'Stylesheet') } },
  { method: 'get', path: '/docs/swagger-ui-bundle.js', operationId: 'docsBundle', tag: 'Documentation', summary: 'Swagger UI', responses: { 200: page('text/javascript', 'Script') } },
  { method: 'get', path: '/docs/init.js', operationId: 'docsInit', tag: 'Documentation', summary: 'Starts Swagger UI on /openapi.json', responses: { 200: page('text/javascript', 'Script') } },
  // ---- pages ----
  { method: 'get', path: '/', operationId: 'chatPage', tag: 'Pages', summary: 'The web chat page', responses: { 200: page('text/html', 'HTML page') } },
  { method: 'get', path: '/assets/chat.js', operationId: 'chatScript', tag: 'Pages', summary: 'The web chat\'s script', responses: { 200: page('text/javascript', 'Script') } },
  { method: 'get', path: '/assets/chat.css', operationId: 'chatStyles', tag: 'Pages', summary: 'The web chat\'s styles', responses: { 200: page('text/css', 'Stylesheet') } },
  ...DASHBOARD_ROUTE_DOCS,
  // ---- message API ----
  {
    method: 'post', path: '/api/messages', operationId: 'postMessage', tag: 'Message API', security: ['apiToken'],
    summary: 'A customer\'s message in, the assistant\'s replies out (the caller vouches for the phone number)',
    body: json(s.apiMessageBody),
    responses: {
      200: { description: 'The replies, in order', json: s.repliesBody }, ...jsonBodyErrors, 401: unauthorized,
      503: { description: 'The store or another dependency failed part-way. The message stays pending: send it again with the same `messageId` after `Retry-After` seconds, and the answer tells what its first attempt did (an order placed, a line changed)', json: s.unavailableBody, headers: { 'Retry-After': 'Seconds to wait' } },
    },
  },
  // ---- web chat ----
  {
    method: 'get', path: '/chat/session', operationId: 'chatSession', tag: 'Web chat', summary: 'Which phone this browser verified, and how codes are sent',
    responses: { 200: { description: 'The session', json: s.sessionBody }, 429: chatLimit },
  },
  {
    method: 'post', path: '/chat/verify', operationId: 'chatVerify', tag: 'Web chat', summary: 'Send a one-time code to a phone number',
    body: json(s.chatVerifyBody),
    responses: {
      202: { description: 'The code is on its way', json: s.codeSentBody }, ...jsonBodyErrors,
      429: tooMany('Too many requests or codes from this address, or too many codes for this number'),
      503: { description: 'No way to send codes is configured, or sending failed just now', json: s.errorBody, headers: { 'Retry-After': 'Seconds to wait' } },
    },
  },
  {
    method: 'post', path: '/chat/verify/check', operationId: 'chatVerifyCheck', tag: 'Web chat', summary: 'Check the code; on success the session cookie is set',
    body: json(s.chatCheckBody),
    responses: {
      200: { description: 'Verified: the session cookie is set', json: s.verifiedBody, headers: { 'Set-Cookie': 'The session cookie, grocer_chat, HttpOnly' } },
      ...jsonBodyErrors,
      401: { description: 'No code waiting, expired, or wrong (`attemptsLeft` says how many tries remain)', json: s.wrongCodeBody },
      429: { description: 'Too many wrong codes, or too many requests from this address', json: z.union([s.tooManyBody, s.errorBody]) },
      503: { description: 'The code could not be checked just now', json: s.errorBody, headers: { 'Retry-After': 'Seconds to wait' } },
    },
  },
  {
    method: 'post', path: '/chat/messages', operationId: 'chatMessage', tag: 'Web chat', summary: 'A message from the verified browser, the replies out',
    security: ['chatSession'], body: json(s.chatMessageBody),
    responses: { 200: { description: 'The replies, in order', json: s.repliesBody }, ...jsonBodyErrors, 401: error('No valid session: verify the phone first'), 429: chatLimit },
  },
  {
    method: 'post', path: '/chat/logout', operationId: 'chatLogout', tag: 'Web chat', summary: 'End the session (clears the cookie)',
    responses: { 204: { description: 'Signed out' }, 413: jsonBodyErrors[413]!, 415: jsonBodyErrors[415]!, 400: jsonBodyErrors[400]!, 429: chatLimit },
  },
  // ---- admin ----
  {
    method: 'get', path: '/admin/stats', operationId: 'adminStats', tag: 'Admin', security: ['adminToken'], summary: 'The dashboard\'s figures',
    responses: { 200: { description: 'Figures', json: s.statsBody }, 401: unauthorized },
  },
  ...CATALOG_ROUTES,
  ...ORDER_ROUTES,
  ...CONVERSATION_ROUTES,
  {
    method: 'post', path: '/admin/handoff/:phone/release', operationId: 'releaseHandoff', tag: 'Admin', security: ['adminToken'],
    summary: 'Hand a waiting customer back to the assistant', params: s.phoneParams,
    responses: {
      200: { description: 'Released', json: s.releasedBody }, ...jsonBodyErrors, 401: unauthorized,
      409: error('That customer is not waiting for a person'),
    },
  },
  {
    method: 'get', path: '/admin/customers/:phone/deliveries', operationId: 'listDeliveries', tag: 'Admin', security: ['adminToken'],
    summary: 'What became of each message sent to a customer, newest first', params: s.e164Params,
    responses: { 200: { description: 'Deliveries', json: s.deliveriesBody }, 400: error('The phone is not in E.164 form'), 401: unauthorized },
  },
  ...PROMOTION_ROUTES,
  ...SETTINGS_ROUTES,
  ...ORDER_CHANGE_ROUTES,
  ...STOCK_WISH_ROUTES,
  // ---- webhooks (present only when their channel is configured) ----
  {
    method: 'post', path: '/telegram/webhook', operationId: 'telegramWebhook', tag: 'Webhooks', security: ['telegramSecret'],
    summary: 'Telegram updates (TELEGRAM_MODE=webhook). An update the bot cannot use is acknowledged and ignored',
    body: json(telegramUpdate),
    responses: {
      200: { description: 'Handled, or ignored' }, 400: error('Malformed JSON'), 401: { description: 'Missing or wrong X-Telegram-Bot-Api-Secret-Token' },
      413: error('Body over 64 KB'), 500: { description: 'Handling failed (store or Telegram unreachable): Telegram delivers the update again' },
    },
  },
  {
    method: 'post', path: '/twilio/messages', operationId: 'twilioMessage', tag: 'Webhooks', security: ['twilioSignature'],
    summary: 'An SMS or WhatsApp message, from Twilio Messaging', body: form(twilioMessageForm), responses: { 200: xml, ...twilioRefusals },
  },
  ...(['', '/gather', '/silence', '/offer'] as const).map((sub): RouteDoc => ({
    method: 'post', path: `/twilio/voice${sub}`, operationId: `twilioVoice${sub.slice(1, 2).toUpperCase()}${sub.slice(2)}`, tag: 'Webhooks', security: ['twilioSignature'],
    summary: sub ? `A phone call's next step (${sub.slice(1)}), from Twilio Voice` : 'A phone call starts, from Twilio Voice',
    query: twilioTurnQuery, body: form(twilioCall.extend(twilioGathered.shape)), responses: { 200: xml, ...twilioRefusals },
  })),
  {
    method: 'post', path: '/twilio/status', operationId: 'twilioStatus', tag: 'Webhooks', security: ['twilioSignature'],
    summary: 'What became of a message we sent (Twilio StatusCallback)', query: twilioStatusQuery, body: form(twilioStatusForm),
    responses: { 204: { description: 'Recorded (or an unknown delivery, ignored)' }, ...twilioRefusals },
  },
  ...INBOX_ROUTES,
  ...STAFF_ROUTES,
];

type Json = Record<string, unknown>;

/**
 * The product's refinements are code, which JSON Schema cannot read: they are spelled out here (two decimals
 * of price; whole pieces, and no piece weight, for products sold by count; a unit of letters).
 */
function productRules(ctx: { zodSchema: unknown; jsonSchema: Json }): void {
  if (ctx.zodSchema !== productInputSchema) return;
  const props = ctx.jsonSchema.properties as Record<string, Json>;
  props.price = { ...props.price, multipleOf: 0.01 };
  // Trimmed before their length is checked: blank is empty.
  for (const key of ['name', 'category']) props[key] = { ...props[key], pattern: '\\S' };
  props.aliases = { ...props.aliases, items: { ...(props.aliases!.items as Json), pattern: '\\S' } };
  // Trimmed and lower-cased before it is checked: " Bag " is the label bag.
  props.unit = { ...props.unit, pattern: '^\\s*[A-Za-z]{1,20}\\s*$' };
  // A weight unit in any case, as the schema lower-cases it: "kg" → ^\s*(?:[kK][gG])\s*$.
  const anyCase = (units: string[]) => `^\\s*(?:${units.map((u) => [...u].map((c) => `[${c}${c.toUpperCase()}]`).join('')).join('|')})\\s*$`;
  ctx.jsonSchema.allOf = [
    {
      // Every label but kg, g, lb and oz (and their other spellings: lbs, kilo…) is a unit of count.
      if: { properties: { unit: { pattern: anyCase(WEIGHT_WORDS) } } },
      else: { properties: { stock: { type: 'integer' }, maxPerOrder: { type: 'integer' } }, not: { required: ['pieceGrams'] } },
    },
    ...WEIGHT_UNITS.map((u) => ({
      if: { properties: { unit: { pattern: anyCase(WEIGHT_WORDS.filter((w) => normalizeUnit(w) === u)) } } },
      then: { properties: { maxPerOrder: { minimum: weightStep(u) } } },
    })),
  ];
}

function schemaOf(schema: z.ZodType, io: 'input' | 'output'): Json {
  const { $schema: _drop, ...rest } = z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any', override: productRules as never }) as Json;
  return rest;
}

function parameters(where: 'path' | 'query', shape: z.ZodObject | undefined): Json[] {
  if (!shape) return [];
  return Object.entries(shape.shape).map(([name, field]) => {
    const schema = schemaOf(field as z.ZodType, 'input');
    const { description, ...rest } = schema;
    return {
      name, in: where, required: where === 'path' || !(field as z.ZodType).safeParse(undefined).success,
      schema: rest, ...(description ? { description } : {}),
    };
  });
}

function response(a: Answer): Json {
  const types = a.text === undefined ? [] : Array.isArray(a.text) ? a.text : [a.text];
  const content: Json = {};
  // A text type named beside no zod schema: JSON there is an error body (body-parser's), anything else a string.
  for (const t of types) content[t] = { schema: t === 'application/json' ? schemaOf(s.errorBody, 'output') : { type: 'string' } };
  if (a.json) content['application/json'] = { schema: schemaOf(a.json, 'output') };
  if (a.anyJson) content['application/json'] = { schema: { type: 'object' } };
  return {
    description: a.description,
    ...(Object.keys(content).length ? { content } : {}),
    ...(a.links ? { links: a.links } : {}),
    ...(a.headers ? { headers: Object.fromEntries(Object.entries(a.headers).map(([h, d]) => [h, { description: d, schema: { type: 'string' } }])) } : {}),
  };
}

/**
 * The admin API takes the admin token or the console's session cookie; with the cookie, a write must carry
 * the session's CSRF token too (both schemes in one requirement: both are needed).
 */
function alternatives(k: Security, r: RouteDoc): Json[] {
  if (k !== 'adminToken' || !r.path.startsWith('/admin/')) return [{ [k]: [] }];
  return [{ adminToken: [] }, r.method === 'get' ? { staffSession: [] } : { staffSession: [], csrfToken: [] }];
}

/** `:name` → `{name}`. */
export const openapiPath = (path: string) => path.replace(/:(\w+)/g, '{$1}');

export function openapiDocument(o: { title: string; version: string }): Json {
  const paths: Record<string, Json> = {};
  for (const r of ROUTES) {
    const op: Json = {
      operationId: r.operationId,
      summary: r.summary,
      tags: [r.tag],
      ...(r.security ? { security: r.security.flatMap((k) => alternatives(k, r)) } : { security: [] }),
      parameters: [...parameters('path', r.params), ...parameters('query', r.query)],
      ...(r.body ? { requestBody: { required: true, content: { [r.body.type]: { schema: schemaOf(r.body.schema, 'input') } } } } : {}),
      responses: Object.fromEntries(Object.entries(r.responses).map(([status, a]) => [status, response(a)])),
    };
    (paths[openapiPath(r.path)] ??= {})[r.method] = op;
  }
  return {
    openapi: '3.1.0',
    info: {
      title: `${o.title} API`,
      version: o.version,
      description: [
        'The message API for integrations, the web chat\'s routes, the store owner\'s admin API, health and metrics, and the channels\' webhooks.',
        'Bodies are JSON (at most 64 KB) except the Twilio webhooks (form-encoded). Errors answer `{ "error": "…", "details": ["field: problem"] }`.',
        'A method a path does not serve answers 405 with an `Allow` header; a path that does not exist, 404.',
        'Tokens: `Authorization: Bearer <ADMIN_TOKEN>` (or the console\'s sign-in cookie, with `X-CSRF-Token` on writes) for /admin/*, `<API_TOKEN>` for /api/messages, `<METRICS_TOKEN>` (or the admin token) for /metrics. The web chat uses a session cookie set by /chat/verify/check.',
      ].join('\n\n'),
    },
    tags: [...new Set(ROUTES.map((r) => r.tag))].map((name) => ({ name })),
    paths,
    components: {
      securitySchemes: {
        adminToken: { type: 'http', scheme: 'bearer', description: 'ADMIN_TOKEN' },
        apiToken: { type: 'http', scheme: 'bearer', description: 'API_TOKEN' },
        metricsToken: { type: 'http', scheme: 'bearer', description: 'METRICS_TOKEN (the admin token when unset)' },
        chatSession: { type: 'apiKey', in: 'cookie', name: 'grocer_chat', description: 'Set by POST /chat/verify/check' },
        staffSession: { type: 'apiKey', in: 'cookie', name: 'grocer_staff', description: 'The console\'s sign-in, set by POST /admin/login' },
        csrfToken: { type: 'apiKey', in: 'header', name: 'X-CSRF-Token', description: 'The `csrfToken` of GET /admin/session: every write made with the staffSession cookie carries it' },
        twilioSignature: { type: 'apiKey', in: 'header', name: 'X-Twilio-Signature', description: 'Twilio\'s signature of the request with the account\'s auth token' },
        telegramSecret: { type: 'apiKey', in: 'header', name: 'X-Telegram-Bot-Api-Secret-Token', description: 'The secret_token given to setWebhook' },
      },
    },
  };
}
