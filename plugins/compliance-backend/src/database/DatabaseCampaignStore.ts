import type { Knex } from 'knex';
import { randomUUID } from 'node:crypto';
import type {
  CampaignFilter,
  CampaignStatus,
  CheckStatus,
} from '@runway/plugin-compliance-common';
import type {
  CampaignEntityRow,
  CampaignHistoryRow,
  CampaignNotice,
  CampaignResultRow,
  CampaignStore,
  NewCampaign,
  StoredCampaign,
} from './CampaignStore';

type Timestamp = string | Date | number;

type CampaignRow = {
  id: string;
  title: string;
  description: string;
  check_ids: string;
  filter: string;
  deadline: Timestamp;
  created_by: string;
  created_at: Timestamp;
  status: CampaignStatus;
  ended_at: Timestamp | null;
  ended_by: string | null;
  start_notified_at: Timestamp | null;
  reminder_7d_sent_at: Timestamp | null;
  reminder_1d_sent_at: Timestamp | null;
};

const NOTICE_COLUMNS: Record<
  CampaignNotice,
  'start_notified_at' | 'reminder_7d_sent_at' | 'reminder_1d_sent_at'
> = {
  start: 'start_notified_at',
  'reminder-7d': 'reminder_7d_sent_at',
  'reminder-1d': 'reminder_1d_sent_at',
};

/** SQLite returns timestamps as strings or numbers, PostgreSQL as Dates. */
function toDate(value: Timestamp): Date {
  return new Date(value);
}

function toIso(value: Timestamp): string {
  return toDate(value).toISOString();
}

/** Keeps `where in` lists under the bind-parameter limits of SQLite and PostgreSQL. */
function chunks<T>(items: T[], size = 500): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size)
    out.push(items.slice(i, i + size));
  return out;
}

function campaignFromRow(row: CampaignRow): StoredCampaign {
  const notices: StoredCampaign['notices'] = {};
  for (const [notice, column] of Object.entries(NOTICE_COLUMNS)) {
    const value = row[column];
    if (value !== null && value !== undefined) {
      notices[notice as CampaignNotice] = toIso(value);
    }
  }
  return {
    id: row.id,
    title: row.title,
    description: row.description,
    checkIds: JSON.parse(row.check_ids) as string[],
    filter: JSON.parse(row.filter) as CampaignFilter,
    deadline: toIso(row.deadline),
    createdBy: row.created_by,
    createdAt: toIso(row.created_at),
    status: row.status,
    endedAt: row.ended_at ? toIso(row.ended_at) : undefined,
    notices,
  };
}

/**
 * {@link CampaignStore} on knex, for SQLite and PostgreSQL.
 *
 * @internal
 */
export class DatabaseCampaignStore implements CampaignStore {
  constructor(private readonly db: Knex) {}

  async createCampaign(input: NewCampaign): Promise<StoredCampaign> {
    const createdAt = new Date(input.createdAt);
    const skipped = new Set(input.skipNotices ?? []);
    const row: CampaignRow = {
      id: randomUUID(),
      title: input.title,
      description: input.description,
      check_ids: JSON.stringify(input.checkIds),
      filter: JSON.stringify(input.filter),
      deadline: new Date(input.deadline),
      created_by: input.createdBy,
      created_at: createdAt,
      status: 'active',
      ended_at: null,
      ended_by: null,
      start_notified_at: skipped.has('start') ? createdAt : null,
      reminder_7d_sent_at: skipped.has('reminder-7d') ? createdAt : null,
      reminder_1d_sent_at: skipped.has('reminder-1d') ? createdAt : null,
    };
    await this.db('compliance_campaigns').insert(row);
    return campaignFromRow(row);
  }

  async getCampaign(id: string): Promise<StoredCampaign | undefined> {
    const row = await this.db<CampaignRow>('compliance_campaigns')
      .where({ id })
      .first();
    return row ? campaignFromRow(row) : undefined;
  }

  async listCampaigns(filter: {
    status?: CampaignStatus[];
  }): Promise<StoredCampaign[]> {
    const query = this.db<CampaignRow>('compliance_campaigns').orderBy([
      { column: 'created_at', order: 'desc' },
      { column: 'id', order: 'asc' },
    ]);
    if (filter.status) query.whereIn('status', filter.status);
    return (await query).map(campaignFromRow);
  }

  async endCampaign(
    id: string,
    end: { endedAt: Date; endedBy: string },
  ): Promise<StoredCampaign | undefined> {
    // The status condition makes concurrent ends safe: only one of them updates.
    const updated = await this.db('compliance_campaigns')
      .where({ id, status: 'active' })
      .update({
        status: 'ended',
        ended_at: end.endedAt,
        ended_by: end.endedBy,
      });
    return updated ? this.getCampaign(id) : undefined;
  }

  async claimNotice(
    id: string,
    notice: CampaignNotice,
    at: Date,
  ): Promise<boolean> {
    const column = NOTICE_COLUMNS[notice];
    const updated = await this.db('compliance_campaigns')
      .where({ id })
      .whereNull(column)
      .update({ [column]: at });
    return updated === 1;
  }

  async listEntities(filter: {
    ownerRefs?: string[];
  }): Promise<CampaignEntityRow[]> {
    const select = (query: Knex.QueryBuilder) =>
      query
        .select('entity_ref', 'owner_ref', 'first_evaluated_at')
        .orderBy('entity_ref');
    const rows: Array<{
      entity_ref: string;
      owner_ref: string | null;
      first_evaluated_at: Timestamp | null;
    }> = [];
    if (filter.ownerRefs) {
      for (const batch of chunks(filter.ownerRefs)) {
        rows.push(
          ...(await select(
            this.db('compliance_entities').whereIn('owner_ref', batch),
          )),
        );
      }
    } else {
      rows.push(...(await select(this.db('compliance_entities'))));
    }
    return rows.map(r => ({
      entityRef: r.entity_ref,
      ownerRef: r.owner_ref ?? undefined,
      firstEvaluatedAt: r.first_evaluated_at
        ? toDate(r.first_evaluated_at)
        : undefined,
    }));
  }

  async listResults(checkIds: string[]): Promise<CampaignResultRow[]> {
    if (checkIds.length === 0) return [];
    const rows: Array<{
      entity_ref: string;
      check_id: string;
      status: CheckStatus;
      since: Timestamp;
    }> = await this.db('compliance_results')
      .whereIn('check_id', checkIds)
      .select('entity_ref', 'check_id', 'status', 'since');
    return rows.map(r => ({
      entityRef: r.entity_ref,
      checkId: r.check_id,
      status: r.status,
      since: toDate(r.since),
    }));
  }

  async listHistory(checkIds: string[]): Promise<CampaignHistoryRow[]> {
    if (checkIds.length === 0) return [];
    const rows: Array<{
      entity_ref: string;
      check_id: string;
      from_status: CheckStatus | null;
      to_status: CheckStatus;
      changed_at: Timestamp;
    }> = await this.db('compliance_history')
      .whereIn('check_id', checkIds)
      .orderBy([
        { column: 'changed_at', order: 'asc' },
        { column: 'id', order: 'asc' },
      ])
      .select(
        'entity_ref',
        'check_id',
        'from_status',
        'to_status',
        'changed_at',
      );
    return rows.map(r => ({
      entityRef: r.entity_ref,
      checkId: r.check_id,
      fromStatus: r.from_status,
      status: r.to_status,
      changedAt: toDate(r.changed_at),
    }));
  }
}
