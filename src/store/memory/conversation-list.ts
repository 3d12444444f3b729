import type { Conversation, Customer } from '../../domain/types';
import type { ConversationListQuery, ConversationSummary } from '../ports/conversation-list';
import { listOrder, matchesSearch, searchPatterns } from '../conversation-search';

/** The list of every conversation over the memory store's customers and conversations (see ConversationListPort). */
export function listSummaries(
  customers: ReadonlyMap<string, Customer>,
  conversations: ReadonlyMap<string, Conversation>,
  q: ConversationListQuery,
): { rows: ConversationSummary[]; more: boolean } {
  const search = searchPatterns(q.search);
  const phones = new Set([...customers.keys(), ...conversations.keys()]);
  const all: ConversationSummary[] = [];
  for (const phone of phones) {
    const customer = customers.get(phone);
    const conv = conversations.get(phone);
    const row: ConversationSummary = {
      phone,
      ...(customer?.name !== undefined ? { name: customer.name } : {}),
      ...(conv ? { stage: conv.stage } : {}),
      waiting: conv?.stage === 'handoff',
      lastActivityAt: conv?.updatedAt ?? customer!.createdAt,
      ...(customer?.lastChannel ? { lastChannel: customer.lastChannel } : {}),
    };
    if (!search || matchesSearch(search, row)) all.push(row);
  }
  all.sort(listOrder);
  return { rows: all.slice(q.offset, q.offset + q.limit), more: all.length > q.offset + q.limit };
}
