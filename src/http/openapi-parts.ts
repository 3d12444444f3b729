import type { z } from 'zod';
import * as s from './schemas';

// The pieces every route's documentation is made of; openapi.ts assembles the document from RouteDoc lists.

export type Security = 'adminToken' | 'apiToken' | 'metricsToken' | 'chatSession' | 'twilioSignature' | 'telegramSecret';
export interface Body { schema: z.ZodType; type: string }

export interface Answer {
  description: string;
  /** The JSON body's schema; `text` names the types of a body of another kind; neither: no body. */
  json?: z.ZodType;
  text?: string | string[];
  headers?: Record<string, string>;
  /** Some JSON object (this document itself). */
  anyJson?: true;
  /** OpenAPI links: which operation this answer leads to, with which parameters (runtime expressions). */
  links?: Record<string, { operationId: string; parameters: Record<string, string> }>;
}

export interface RouteDoc {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** Express form, `:name` for parameters. */
  path: string;
  summary: string;
  tag: string;
  security?: Security[];
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: Body;
  responses: Record<number, Answer>;
  operationId: string;
}

export const error = (description: string): Answer => ({ description, json: s.errorBody });
export const tooMany = (description: string): Answer => ({ description, json: s.tooManyBody, headers: { 'Retry-After': 'Seconds to wait before asking again' } });
export const unauthorized = error('Missing or wrong `Authorization: Bearer <token>`');
/** What every JSON route with a body may answer before its handler runs. */
export const jsonBodyErrors: Record<number, Answer> = {
  400: error('Malformed JSON, or a body, query or parameter that does not match the schema (`details` names each bad field)'),
  413: error('Body over 64 KB'),
  415: error('The body is not JSON (Content-Type must be application/json, in UTF-8)'),
};
export const chatLimit = tooMany('Too many requests from this address (every /chat route is limited per client IP)');
export const page = (type: string, description: string): Answer => ({ description, text: type });
export const xml = { description: 'TwiML for Twilio', text: 'text/xml' } as const;
export const twilioRefusals: Record<number, Answer> = {
  400: { description: 'Missing X-Twilio-Signature, a form without the fields Twilio always sends, or malformed JSON', text: ['text/plain', 'application/json'] },
  403: { description: 'X-Twilio-Signature does not sign this request with the account\'s auth token', text: 'text/plain' },
  413: error('Body over 64 KB'),
};
export const form = (schema: z.ZodType): Body => ({ schema, type: 'application/x-www-form-urlencoded' });
export const json = (schema: z.ZodType): Body => ({ schema, type: 'application/json' });

