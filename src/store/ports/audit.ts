import type { AuditEntry } from '../../domain/owner';

/** The stock audit trail. */
export interface AuditPort {
  /** One entry, or several in one call (one command on MongoDB: a checkout's lines). */
  appendAudit(entry: AuditEntry | AuditEntry[]): Promise<void>;
  /** Newest first, at most `limit` (default 100), of one SKU or all. */
  listAudit(filter: { sku?: string; limit?: number }): Promise<AuditEntry[]>;
}
