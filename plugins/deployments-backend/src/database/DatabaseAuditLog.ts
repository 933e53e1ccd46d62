import type { Knex } from 'knex';
import {
  canonicalJson,
  chainHash,
  GENESIS_HASH,
  type ChainedEvent,
} from './auditChain';
import type {
  AuditEventInput,
  AuditFilter,
  AuditLog,
  AuditRecord,
  AuditVerification,
} from './AuditLog';
import { toIso, toNumber, whereColumnIn } from './dialect';

const AUDIT = 'deployments_audit';
const HEAD = 'deployments_audit_head';

type AuditRow = {
  seq: number | string;
  type: string;
  entity_ref: string;
  actor: string;
  occurred_at: Date | string | number;
  event: string;
  prev_hash: string;
  hash: string;
};

type HeadRow = { last_seq: number | string; last_hash: string };

/** Rows per insert: well below SQLite's limit on bind parameters (8 per row). */
const INSERT_CHUNK = 500;

/**
 * Locks the end of the chain for the rest of the transaction, then lets `work` append
 * events; when `work` is done, chains them after the head and writes rows and head.
 *
 * The lock is an UPDATE of the one head row, before anything else in the transaction: on
 * PostgreSQL a concurrent transaction's UPDATE of that row waits until this one commits or
 * rolls back, and then reads the head this one wrote, so two appends can never chain onto
 * the same row (fork the chain). On SQLite writers are serialized anyway; the UPDATE makes
 * the transaction a writer from its first statement.
 *
 * @internal
 */
export async function withAuditChain<T>(
  trx: Knex.Transaction,
  now: () => Date,
  work: (append: (...events: AuditEventInput[]) => void) => Promise<T>,
): Promise<T> {
  await trx(HEAD).where({ id: 1 }).increment('appends', 1);
  const head: HeadRow | undefined = await trx(HEAD)
    .where({ id: 1 })
    .first('last_seq', 'last_hash');
  if (!head) {
    throw new Error(`${HEAD} has no row: the migrations did not run`);
  }

  const pending: AuditEventInput[] = [];
  const result = await work((...events) => pending.push(...events));
  if (pending.length === 0) return result;

  let seq = toNumber(head.last_seq);
  let prevHash = head.last_hash;
  const occurredAt = now();
  const rows = pending.map(input => {
    seq += 1;
    const event: ChainedEvent = {
      seq,
      type: input.type,
      entityRef: input.entityRef,
      actor: input.actor,
      occurredAt: occurredAt.toISOString(),
      data: input.data,
    };
    const canonical = canonicalJson(event);
    const hash = chainHash(prevHash, canonical);
    const row = {
      seq,
      type: input.type,
      entity_ref: input.entityRef,
      actor: input.actor,
      occurred_at: occurredAt,
      event: canonical,
      prev_hash: prevHash,
      hash,
    };
    prevHash = hash;
    return row;
  });
  for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
    await trx(AUDIT).insert(rows.slice(i, i + INSERT_CHUNK));
  }
  await trx(HEAD)
    .where({ id: 1 })
    .update({ last_seq: seq, last_hash: prevHash });
  return result;
}

function toRecord(row: AuditRow): AuditRecord {
  const event = JSON.parse(row.event) as ChainedEvent;
  return { ...event, prevHash: row.prev_hash, hash: row.hash };
}

/** Why a row's columns do not say what its hashed event says, if they do not. */
function columnMismatch(row: AuditRow, seq: number): string | undefined {
  let event: Partial<ChainedEvent>;
  try {
    event = JSON.parse(row.event);
  } catch {
    return 'its event is not JSON';
  }
  const columns: Array<[string, unknown, unknown]> = [
    ['seq', event.seq, seq],
    ['type', event.type, row.type],
    ['entity_ref', event.entityRef, row.entity_ref],
    ['actor', event.actor, row.actor],
    ['occurred_at', event.occurredAt, toIso(row.occurred_at)],
  ];
  const wrong = columns.find(([, hashed, stored]) => hashed !== stored);
  return wrong
    ? `its ${wrong[0]} column does not match the event its hash covers`
    : undefined;
}

/**
 * The audit chain on the plugin's database (SQLite or PostgreSQL).
 *
 * @internal
 */
export class DatabaseAuditLog implements AuditLog {
  constructor(private readonly db: Knex) {}

  async *read(
    filter: AuditFilter,
    pageSize = 1000,
  ): AsyncIterable<AuditRecord[]> {
    let afterSeq = 0;
    for (;;) {
      let query = this.db<AuditRow>(AUDIT)
        .where('seq', '>', afterSeq)
        .orderBy('seq', 'asc')
        .limit(pageSize);
      if (filter.entityRefs) {
        query = whereColumnIn(this.db, query, 'entity_ref', filter.entityRefs);
      }
      if (filter.from) query = query.where('occurred_at', '>=', filter.from);
      if (filter.to) query = query.where('occurred_at', '<', filter.to);
      const rows: AuditRow[] = await query;
      if (rows.length === 0) return;
      yield rows.map(toRecord);
      if (rows.length < pageSize) return;
      afterSeq = toNumber(rows[rows.length - 1].seq);
    }
  }

  async verify(): Promise<AuditVerification> {
    // The head first: rows up to it are committed (they are written in the transaction that
    // moves it), and rows appended while this runs are left for the next verification.
    const head: HeadRow | undefined = await this.db(HEAD)
      .where({ id: 1 })
      .first('last_seq', 'last_hash');
    if (!head)
      throw new Error(`${HEAD} has no row: the migrations did not run`);
    const headSeq = toNumber(head.last_seq);

    let expectedSeq = 1;
    let prevHash = GENESIS_HASH;
    let rowCount = 0;
    const result = (firstBroken?: AuditVerification['firstBroken']) => ({
      intact: !firstBroken,
      rowCount,
      ...(expectedSeq > 1 ? { lastSeq: expectedSeq - 1 } : {}),
      lastHash: prevHash,
      ...(firstBroken ? { firstBroken } : {}),
    });

    const pageSize = 1000;
    for (;;) {
      const rows: AuditRow[] = await this.db<AuditRow>(AUDIT)
        .where('seq', '>=', expectedSeq)
        .andWhere('seq', '<=', headSeq)
        .orderBy('seq', 'asc')
        .limit(pageSize);
      for (const row of rows) {
        const seq = toNumber(row.seq);
        if (seq !== expectedSeq) {
          return result({
            seq: expectedSeq,
            reason: `row ${expectedSeq} is missing: the next row is ${seq}`,
          });
        }
        if (row.prev_hash !== prevHash) {
          return result({
            seq,
            reason:
              seq === 1
                ? 'the first row does not start from the genesis hash'
                : `its previous hash does not match the hash of row ${seq - 1}`,
          });
        }
        if (chainHash(row.prev_hash, row.event) !== row.hash) {
          return result({
            seq,
            reason: 'its hash does not match its content: the row was changed',
          });
        }
        const mismatch = columnMismatch(row, seq);
        if (mismatch) return result({ seq, reason: mismatch });
        rowCount += 1;
        prevHash = row.hash;
        expectedSeq += 1;
      }
      if (rows.length < pageSize) break;
    }

    if (expectedSeq - 1 < headSeq) {
      return result({
        seq: expectedSeq,
        reason: `row ${expectedSeq} is missing: the chain head records ${headSeq} rows`,
      });
    }
    if (head.last_hash !== prevHash) {
      return result({
        seq: headSeq,
        reason: 'its hash does not match the hash the chain head records',
      });
    }
    return result();
  }
}
