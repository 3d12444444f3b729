import { z } from 'zod';
import { CHANNEL_NAMES, STAGES } from '../domain/types';

// What GET /admin/conversations reads and answers: every customer's conversation, for the console.

const isoTime = z.string().meta({ format: 'date-time' });

export const CONVERSATIONS_PAGE_MAX = 100;
export const conversationListQuery = z.object({
  q: z.string().trim().max(100, 'must be at most 100 characters').optional()
    .meta({ description: 'Search: the start of a word of the customer\'s name (any case), or digits of their phone (3 or more)' }),
  page: z.coerce.number({ error: 'must be a whole number from 1' }).int('must be a whole number from 1').min(1, 'must be a whole number from 1').max(10_000, 'must be at most 10000').default(1)
    .meta({ description: 'Which page, from 1' }),
  limit: z.coerce.number({ error: `must be a whole number from 1 to ${CONVERSATIONS_PAGE_MAX}` }).int(`must be a whole number from 1 to ${CONVERSATIONS_PAGE_MAX}`)
    .min(1, `must be a whole number from 1 to ${CONVERSATIONS_PAGE_MAX}`).max(CONVERSATIONS_PAGE_MAX, `must be a whole number from 1 to ${CONVERSATIONS_PAGE_MAX}`).default(25)
    .meta({ description: `Rows per page (default 25, at most ${CONVERSATIONS_PAGE_MAX})` }),
});

export const conversationRow = z.object({
  phone: z.string(),
  name: z.string().optional(),
  stage: z.enum(STAGES).optional().meta({ description: 'Where the dialogue stands; absent when the conversation was closed and forgotten' }),
  waiting: z.boolean().meta({ description: 'Waiting for a person (these come first)' }),
  lastActivityAt: isoTime.meta({ description: 'When the conversation last moved (a message handled)' }),
  channel: z.enum(CHANNEL_NAMES).optional().meta({ description: 'The channel the customer last used' }),
  lastMessage: z.object({
    text: z.string(), at: isoTime, from: z.enum(['customer', 'bot', 'staff']),
  }).optional().meta({ description: 'The last message in or out, while the transcript keeps it (TRANSCRIPT_DAYS)' }),
  unread: z.number().int().min(0).optional()
    .meta({ description: 'For a waiting customer: messages they wrote since staff last answered (from the one that asked for a person on)' }),
});
export const conversationListBody = z.object({
  conversations: z.array(conversationRow).meta({ description: 'Waiting customers first, then the most recently active' }),
  page: z.number().int(),
  limit: z.number().int(),
  more: z.boolean().meta({ description: 'Another page follows (ask for `page` + 1)' }),
});
