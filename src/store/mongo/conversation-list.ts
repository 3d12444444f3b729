import type { Collection, Document } from 'mongodb';
import type { ChannelName, Stage } from '../../domain/types';
import type { ConversationListQuery, ConversationSummary } from '../ports/conversation-list';
import { searchPatterns } from '../conversation-search';
import type { CustomerDoc } from './customer-doc';

interface Row { _id: string; name?: string; lastChannel?: ChannelName; stage?: Stage; at: number; waiting: boolean }

/**
 * The list of every conversation, read from `customers` (one document per customer, with their conversation):
 * one aggregation that matches the search (an anchored, case-insensitive pattern on the name, a prefix of the
 * phone `_id`), sorts waiting customers first and then by last activity, and returns one page.
 */
export class ConversationDirectory {
  constructor(private customers: Collection<CustomerDoc>) {}

  async list(q: ConversationListQuery): Promise<{ rows: ConversationSummary[]; more: boolean }> {
    // A customer, or a conversation (documents with only a lease or a cart are neither).
    const match: Document[] = [{ $or: [{ createdAt: { $exists: true } }, { conversation: { $exists: true } }] }];
    const p = searchPatterns(q.search);
    if (p) match.push({ $or: [{ name: { $regex: p.name, $options: 'i' } }, ...(p.phone ? [{ _id: { $regex: p.phone } }] : [])] });
    const rows = await this.customers.aggregate<Row>([
      { $match: { $and: match } },
      {
        $project: {
          name: 1, lastChannel: 1, stage: '$conversation.stage',
          at: { $ifNull: ['$conversation.updatedAt', '$createdAt'] },
          waiting: { $eq: ['$conversation.stage', 'handoff'] },
        },
      },
      { $sort: { waiting: -1, at: -1, _id: 1 } },
      { $skip: q.offset },
      { $limit: q.limit + 1 },
    ], { allowDiskUse: true }).toArray(); // a large store's sort may pass the in-memory limit of one stage
    return {
      rows: rows.slice(0, q.limit).map((r) => ({
        phone: r._id,
        ...(r.name !== undefined && r.name !== null ? { name: r.name } : {}),
        ...(r.stage ? { stage: r.stage } : {}),
        waiting: r.waiting === true,
        lastActivityAt: r.at,
        ...(r.lastChannel ? { lastChannel: r.lastChannel } : {}),
      })),
      more: rows.length > q.limit,
    };
  }
}
