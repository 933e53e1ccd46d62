import type {
  CheckStatus,
  EntityComplianceList,
  LevelTrend,
  OrgTreeNode,
} from '@runway/plugin-compliance-common';
import type { CatalogIndex } from '@runway/plugin-compliance-node';
import type { ReportStore } from '../database/ReportStore';
import { descendantGroups } from './groupTree';
import { replayLevelTrend, trendWindow } from './levelTrend';
import { buildOrgTree } from './orgTree';

/** The query of the entity × check table, as the router passes it on. @internal */
export type EntityListQuery = {
  ownerRef?: string;
  kind?: string;
  status?: CheckStatus;
  checkId?: string;
  level?: string;
  q?: string;
  offset?: number;
  limit?: number;
};

const DEFAULT_LIMIT = 50;
const MAX_LIMIT = 500;
const DEFAULT_TREND_DAYS = 30;
const MAX_TREND_DAYS = 365;

/**
 * The reporting views of the Compliance page: the entity × check table, the organisation
 * tree with each group's numbers, and the trend of levels over time. Read-only;
 * authorization happens in the router.
 *
 * @internal
 */
export class ComplianceReports {
  constructor(
    private readonly options: {
      store: ReportStore;
      /** The catalog index, e.g. `ComplianceService.getCatalogIndex`. */
      catalogIndex: () => Promise<CatalogIndex>;
      /** Configured level ids, lowest first. */
      levelIds: string[];
      now?: () => Date;
    },
  ) {}

  /** A page of entities with each check's status; `ownerRef` includes descendant groups. */
  async listEntities(query: EntityListQuery): Promise<EntityComplianceList> {
    const ownerRefs = query.ownerRef
      ? await this.ownerScope(query.ownerRef)
      : undefined;
    return this.options.store.listEntities(
      {
        ownerRefs: ownerRefs && [...ownerRefs],
        kind: query.kind,
        status: query.status,
        checkId: query.checkId,
        level: query.level,
        q: query.q?.trim() || undefined,
      },
      {
        offset: Math.max(0, query.offset ?? 0),
        limit: Math.min(MAX_LIMIT, Math.max(1, query.limit ?? DEFAULT_LIMIT)),
      },
    );
  }

  /** The root groups, each with its subgroups; numbers include every descendant group. */
  async orgTree(): Promise<OrgTreeNode[]> {
    const [index, counts] = await Promise.all([
      this.options.catalogIndex(),
      this.options.store.countByOwner(),
    ]);
    return buildOrgTree(index, counts);
  }

  /** The level distribution at the end of each of the last `days` UTC days, today last. */
  async trend(query: {
    ownerRef?: string;
    days?: number;
  }): Promise<LevelTrend> {
    const days = Math.min(
      MAX_TREND_DAYS,
      Math.max(1, query.days ?? DEFAULT_TREND_DAYS),
    );
    const ownerRefs = query.ownerRef
      ? await this.ownerScope(query.ownerRef)
      : undefined;
    const { from, until } = trendWindow(
      this.options.now?.() ?? new Date(),
      days,
    );
    const { initial, changes } = await this.options.store.getLevelChanges({
      from,
      until,
      ownerRefs: ownerRefs && [...ownerRefs],
    });
    return {
      points: replayLevelTrend({
        initial,
        changes,
        from,
        days,
        levelIds: this.options.levelIds,
        ownerRefs,
      }),
    };
  }

  private async ownerScope(ownerRef: string): Promise<Set<string>> {
    return descendantGroups(await this.options.catalogIndex(), ownerRef);
  }
}
