import type { JsonObject } from '@backstage/types';
import type { ChainedEvent } from './auditChain';

/** An event to append to the audit chain. @internal */
export type AuditEventInput = {
  /** What happened, e.g. `version.registered`, `run.imported`. */
  type: string;
  /** The full, lower-case ref of the entity the event is about. */
  entityRef: string;
  /** Who did it: a user ref, or the subject of a service principal. */
  actor: string;
  /** The fields that matter for this type of event. */
  data: JsonObject;
};

/** One stored row of the chain, as exported. @internal */
export type AuditRecord = ChainedEvent & { prevHash: string; hash: string };

/** Which rows to export, oldest first. @internal */
export type AuditFilter = {
  /** Only rows about these entities (full, lower-case refs); all when undefined. */
  entityRefs?: ReadonlySet<string>;
  /** occurredAt at or after. */
  from?: Date;
  /** occurredAt before. */
  to?: Date;
};

/** The outcome of recomputing the chain. @internal */
export type AuditVerification = {
  intact: boolean;
  /** Rows checked (up to the first broken one). */
  rowCount: number;
  /** The last row that checked out. */
  lastSeq?: number;
  /** The hash after the last row that checked out. */
  lastHash: string;
  firstBroken?: { seq: number; reason: string };
};

/**
 * Appends events to the audit chain inside a transaction of the store, in order. The
 * events are chained when the transaction's work is done and written with it: an event is
 * stored exactly when the change it records is.
 *
 * @internal
 */
export type AuditAppender = (...events: AuditEventInput[]) => void;

/**
 * The hash-chained audit trail: read, exported and verified. Appends happen only through
 * the store's transactions ({@link AuditAppender}).
 *
 * @internal
 */
export interface AuditLog {
  /** Rows matching the filter, oldest first, in pages of `pageSize`. */
  read(filter: AuditFilter, pageSize?: number): AsyncIterable<AuditRecord[]>;
  /** Recomputes the chain from the first row; names the first row where it does not hold. */
  verify(): Promise<AuditVerification>;
}
