import type { LoggerService } from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import type {
  Campaign,
  CampaignFilter,
  CampaignInput,
  CampaignProgress,
  CampaignStatus,
  CampaignSummary,
} from '@runway/plugin-compliance-common';
import type {
  CampaignEntityRow,
  CampaignNotice,
  CampaignResultRow,
  CampaignStore,
  StoredCampaign,
} from '../database/CampaignStore';
import { whyNotApplicable } from '../checks/declarative/whyNotApplicable';
import type { CampaignNotifier } from './CampaignNotifier';
import {
  burnUpDays,
  computeBurnUp,
  computeStanding,
  startOfUtcDay,
  type CampaignStanding,
} from './campaignProgress';
import type { ComplianceService } from './ComplianceService';
import { descendantGroups } from './groupTree';
import {
  ALL_ENTITIES,
  isVisible,
  type VisibleEntities,
} from './visibleEntities';

const DAY_MS = 86_400_000;
const REMAINING_LIMIT = 50;

/**
 * Deadline reminders, latest first. A reminder is due once no more than its lead time
 * (plus slack, because the daily task run drifts) is left before the deadline.
 */
const REMINDERS: Array<{ notice: CampaignNotice; leadMs: number }> = [
  { notice: 'reminder-1d', leadMs: DAY_MS },
  { notice: 'reminder-7d', leadMs: 7 * DAY_MS },
];
const REMINDER_SLACK_MS = 6 * 3_600_000;

function dueReminders(deadline: Date, now: Date): CampaignNotice[] {
  const left = deadline.getTime() - now.getTime();
  if (left <= 0) return [];
  return REMINDERS.filter(r => left <= r.leadMs + REMINDER_SLACK_MS).map(
    r => r.notice,
  );
}

function toCampaign(stored: StoredCampaign): Campaign {
  const { notices: _notices, ...campaign } = stored;
  return campaign;
}

/** Drops empty criteria and duplicates, so that stored filters read the way they act. */
function cleanList(values: string[] | undefined): string[] | undefined {
  const cleaned = [
    ...new Set((values ?? []).map(v => v.trim()).filter(Boolean)),
  ];
  return cleaned.length ? cleaned : undefined;
}

/**
 * Campaigns: a set of checks that the entities matching a filter must meet by a deadline.
 * Progress is computed from the stored results and status history; owners are notified
 * when a campaign starts and as its deadline nears. Authorization happens in the router;
 * the reads count only the `visible` entities the router passes (owners are notified about
 * all of theirs), and a new campaign's filter may name only a visible group.
 *
 * @internal
 */
export class CampaignService {
  constructor(
    private readonly options: {
      store: CampaignStore;
      compliance: Pick<ComplianceService, 'listChecks' | 'getCatalogIndex'>;
      notifier: CampaignNotifier;
      logger: LoggerService;
      now?: () => Date;
    },
  ) {}

  private now() {
    return this.options.now?.() ?? new Date();
  }

  /**
   * Starts a campaign. `visible` is what the creator may read in the catalog: a filter may
   * name only a group they can see. It is required, not defaulted like the reads', so that
   * no caller can forget it and let a creator probe the catalog for hidden groups.
   */
  async create(
    input: CampaignInput & { createdBy: string },
    visible: VisibleEntities,
  ): Promise<Campaign> {
    const now = this.now();
    const title = input.title.trim();
    if (!title) {
      throw new InputError('title must not be empty');
    }
    const deadline = new Date(input.deadline);
    if (Number.isNaN(deadline.getTime())) {
      throw new InputError('deadline must be an ISO 8601 date-time');
    }
    if (deadline <= now) {
      throw new InputError('deadline must be in the future');
    }
    const checkIds = [...new Set(input.checkIds)];
    if (checkIds.length === 0) {
      throw new InputError('checkIds must name at least one check');
    }
    const known = new Set(this.options.compliance.listChecks().map(c => c.id));
    const unknown = checkIds.filter(id => !known.has(id));
    if (unknown.length) {
      throw new InputError(
        `checkIds: unknown check(s) ${unknown.map(id => `'${id}'`).join(', ')}`,
      );
    }
    const filter = await this.normalizeFilter(input.filter ?? {}, visible);

    const stored = await this.options.store.createCampaign({
      title,
      description: (input.description ?? '').trim(),
      checkIds,
      filter,
      deadline: deadline.toISOString(),
      createdBy: input.createdBy,
      createdAt: now.toISOString(),
      // Reminders already due are covered by the start notification, which names the deadline.
      skipNotices: dueReminders(deadline, now),
    });
    const campaign = toCampaign(stored);
    try {
      await this.sendNotice(campaign, 'start', now);
    } catch (error) {
      // The campaign exists; the daily task sends the start notification if it could not be.
      this.options.logger.warn(
        `Could not notify owners about the start of campaign ${campaign.id}: ${error}`,
      );
    }
    return campaign;
  }

  /** Campaigns newest first, each with its headline numbers over the visible entities. */
  async list(
    filter: { status?: CampaignStatus } = {},
    visible: VisibleEntities,
  ): Promise<CampaignSummary[]> {
    const campaigns = await this.options.store.listCampaigns({
      status: filter.status ? [filter.status] : undefined,
    });
    const summaries: CampaignSummary[] = [];
    for (const stored of campaigns) {
      const { standing } = await this.standing(stored, visible);
      summaries.push({
        ...toCampaign(stored),
        entityCount: standing.entityCount,
        doneCount: standing.doneCount,
        percentDone: standing.percentDone,
      });
    }
    return summaries;
  }

  async get(id: string): Promise<Campaign> {
    const stored = await this.options.store.getCampaign(id);
    if (!stored) throw new NotFoundError(`No campaign with id ${id}`);
    return toCampaign(stored);
  }

  /**
   * Where the campaign stands now and, day by day, how it got there, over the visible
   * entities: the burn-up replays only the history of the entities in the (visible) scope.
   */
  async progress(
    id: string,
    visible: VisibleEntities,
  ): Promise<CampaignProgress> {
    const now = this.now();
    const campaign = await this.get(id);
    const { scope, standing, results } = await this.standing(campaign, visible);
    const days = burnUpDays({ ...campaign, now });
    const history = await this.options.store.listHistory(campaign.checkIds);
    const todayIndex = Math.round(
      (startOfUtcDay(now).getTime() - days.first.getTime()) / DAY_MS,
    );
    const burnUp = computeBurnUp({
      scope,
      checkIds: campaign.checkIds,
      history,
      results,
      days,
      today: {
        index: todayIndex,
        done: standing.doneCount,
        total: standing.entityCount,
      },
    });
    return {
      campaign,
      entityCount: standing.entityCount,
      doneCount: standing.doneCount,
      percentDone: standing.percentDone,
      remaining: standing.unmet.slice(0, REMAINING_LIMIT),
      burnUp,
    };
  }

  async end(id: string, endedBy: string): Promise<Campaign> {
    await this.get(id);
    const ended = await this.options.store.endCampaign(id, {
      endedAt: this.now(),
      endedBy,
    });
    if (!ended) {
      throw new ConflictError('The campaign has already ended');
    }
    return toCampaign(ended);
  }

  /**
   * Sends what is due for every active campaign: a start notification that could not be
   * sent at creation, and the 7-day and 1-day deadline reminders. Each is sent once at
   * most; when both reminders are due, only the nearer one is sent. Run daily.
   */
  async sendDueNotices(): Promise<number> {
    const now = this.now();
    const campaigns = await this.options.store.listCampaigns({
      status: ['active'],
    });
    let sent = 0;
    for (const stored of campaigns) {
      const campaign = toCampaign(stored);
      try {
        if (!stored.notices.start) {
          sent += await this.sendNotice(campaign, 'start', now);
        }
        const due = dueReminders(new Date(campaign.deadline), now).filter(
          notice => !stored.notices[notice],
        );
        if (due.length === 0) continue;
        const [nearest, ...passed] = due;
        for (const notice of passed) {
          await this.options.store.claimNotice(campaign.id, notice, now);
        }
        sent += await this.sendNotice(campaign, nearest, now);
      } catch (error) {
        this.options.logger.warn(
          `Could not send the notices of campaign ${campaign.id}: ${error}`,
        );
      }
    }
    return sent;
  }

  /** Claims the notice, then notifies the owners with unmet entities. */
  private async sendNotice(
    campaign: Campaign,
    notice: CampaignNotice,
    now: Date,
  ): Promise<number> {
    // Computed before claiming: if it fails, the notice is still unclaimed and retried. Owners
    // hear about every entity of theirs, not only what some caller may see.
    const { standing } = await this.standing(campaign, ALL_ENTITIES);
    if (!(await this.options.store.claimNotice(campaign.id, notice, now))) {
      return 0;
    }
    const titles = new Map(
      this.options.compliance.listChecks().map(c => [c.id, c.title]),
    );
    return this.options.notifier.notifyOwners(
      campaign,
      notice,
      standing.unmet,
      checkId => titles.get(checkId) ?? checkId,
    );
  }

  private async standing(
    campaign: Campaign,
    visible: VisibleEntities,
  ): Promise<{
    scope: CampaignEntityRow[];
    standing: CampaignStanding;
    results: CampaignResultRow[];
  }> {
    const selected = await this.scope(campaign.filter);
    // The rows are in memory already: filtering here costs less than another query.
    const scope = visible.all
      ? selected
      : selected.filter(row => isVisible(visible, row.entityRef));
    const results = await this.options.store.listResults(campaign.checkIds);
    return {
      scope,
      standing: computeStanding(scope, campaign.checkIds, results),
      results,
    };
  }

  /**
   * The evaluated entities the filter selects: by owner in the database, by kind, type and
   * lifecycle through the catalog index. Entities that left the catalog are not in scope.
   */
  private async scope(filter: CampaignFilter): Promise<CampaignEntityRow[]> {
    const { kind, type, lifecycle, ownerRef } = filter;
    const byEntityFields = Boolean(kind || type || lifecycle);
    if (!ownerRef && !byEntityFields) {
      return this.options.store.listEntities({});
    }
    const index = await this.options.compliance.getCatalogIndex();
    const rows = await this.options.store.listEntities({
      ownerRefs: ownerRef ? [...descendantGroups(index, ownerRef)] : undefined,
    });
    if (!byEntityFields) return rows;
    return rows.filter(row => {
      const entity = index.get(row.entityRef);
      return entity && !whyNotApplicable(entity, { kind, type, lifecycle });
    });
  }

  private async normalizeFilter(
    filter: CampaignFilter,
    visible: VisibleEntities,
  ): Promise<CampaignFilter> {
    const normalized: CampaignFilter = {};
    const kind = cleanList(filter.kind);
    const type = cleanList(filter.type);
    const lifecycle = cleanList(filter.lifecycle);
    if (kind) normalized.kind = kind;
    if (type) normalized.type = type;
    if (lifecycle) normalized.lifecycle = lifecycle;
    if (filter.ownerRef) {
      const index = await this.options.compliance.getCatalogIndex();
      const ref = index.resolveRef(filter.ownerRef, {
        defaultKind: 'group',
        defaultNamespace: 'default',
      });
      const owner = ref ? index.get(ref) : undefined;
      // A group the creator may not read gets the answer a missing one gets, so that the
      // 400 does not tell them it exists. The owner's ref is stringified the way the
      // visible refs are.
      if (
        !ref ||
        !owner ||
        owner.kind.toLocaleLowerCase('en-US') !== 'group' ||
        !isVisible(visible, stringifyEntityRef(owner))
      ) {
        throw new InputError(
          `filter.ownerRef: no group ${filter.ownerRef} in the catalog`,
        );
      }
      normalized.ownerRef = ref;
    }
    return normalized;
  }
}
