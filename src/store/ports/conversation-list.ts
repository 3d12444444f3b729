import type { ChannelName, Stage } from '../../domain/types';

/** One row of the console's list of every conversation: who, where the dialogue stands, and when it last moved. */
export interface ConversationSummary {
  phone: string;
  name?: string;
  /** Unset for a customer whose conversation was closed and forgotten (the transcript may remain). */
  stage?: Stage;
  /** Waiting for a person (the conversation is at `handoff`). */
  waiting: boolean;
  /** The conversation's last change (a message handled), else when the customer was first seen. */
  lastActivityAt: number;
  lastChannel?: ChannelName;
}

export interface ConversationListQuery {
  /** The start of the customer's name (or of a word of it, any case) or digits of their phone number. */
  search?: string;
  /** Rows to skip, and how many to return. */
  offset: number;
  limit: number;
}

/** Every customer's conversation, for the console: waiting customers first, then the most recently active. */
export interface ConversationListPort {
  /** The page asked for; `more`: rows follow it. Ties are broken by phone, so pages never overlap. */
  listConversationSummaries(q: ConversationListQuery): Promise<{ rows: ConversationSummary[]; more: boolean }>;
}
