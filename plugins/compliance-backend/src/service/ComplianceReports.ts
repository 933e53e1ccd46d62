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
import {
  isVisible,
  visibleRefs,
  type VisibleEntities,
} from './visibleEntities';

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
 * tree with each group's numbers, and the trend of levels over time. Read-only; each view
 * covers only the `visible` entities (the caller's, resolved in the router), filtered in
 * the database.
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
  async listEntities(
    query: EntityListQuery,
    visible: VisibleEntities,
  ): Promise<EntityComplianceList> {
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
        entityRefs: visibleRefs(visible),
      },
      {
        offset: Math.max(0, query.offset ?? 0),
        limit: Math.min(MAX_LIMIT, Math.max(1, query.limit ?? DEFAULT_LIMIT)),
      },
    );
  }

  /**
   * The root groups, each with its subgroups; numbers include every descendant group. Only
   * visible entities are counted, and only visible groups are shown.
   */
  async orgTree(visible: VisibleEntities): Promise<OrgTreeNode[]> {
    const [index, counts] = await Promise.all([
      this.options.catalogIndex(),
      this.options.store.countByOwner({ entityRefs: visibleRefs(visible) }),
    ]);
    const tree = buildOrgTree(index, counts);
    return visible.all ? tree : withoutHiddenGroups(tree, visible);
  }

  /**
   * The level distribution at the end of each of the last `days` UTC days, today last.
   *
   * Each level history row names its entity, so the trend is filtered per entity like the
   * other views — by what the caller may see today: every day counts only entities visible
   * now. An entity that has left the catalog is visible to no one any more, so under a
   * conditional read policy the days before it left count it only for callers who may read
   * everything.
   */
  async trend(
    query: {
      ownerRef?: string;
      days?: number;
    },
    visible: VisibleEntities,
  ): Promise<LevelTrend> {
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
      entityRefs: visibleRefs(visible),
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

/**
 * The tree without the groups the caller cannot see. A hidden group's visible subgroups take
 * its place, so that its ancestors still show them; its numbers stay in its ancestors' (a
 * hidden root's own entities are then in no node).
 */
function withoutHiddenGroups(
  nodes: OrgTreeNode[],
  visible: VisibleEntities,
): OrgTreeNode[] {
  const kept: OrgTreeNode[] = [];
  let lifted = false;
  for (const node of nodes) {
    const children = withoutHiddenGroups(node.children, visible);
    if (isVisible(visible, node.groupRef)) {
      kept.push({ ...node, children });
    } else {
      kept.push(...children);
      lifted ||= children.length > 0;
    }
  }
  // The same order as buildOrgTree's.
  if (lifted) {
    kept.sort(
      (a, b) =>
        a.title.localeCompare(b.title) || a.groupRef.localeCompare(b.groupRef),
    );
  }
  return kept;
}
