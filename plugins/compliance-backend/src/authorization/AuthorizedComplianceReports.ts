import type {
  EntityComplianceList,
  EntityComplianceQuery,
  LevelTrend,
  LevelTrendQuery,
  OrgTreeNode,
} from '@runway/plugin-compliance-common';
import type { ComplianceReports } from '../service/ComplianceReports';
import type { AccessControl } from './AccessControl';
import type { ComplianceCaller } from './ComplianceCaller';

/**
 * The reporting views as callers reach them: open to every signed-in caller, counting and
 * listing only the entities the caller may read; an owner they name must be visible to them.
 *
 * @internal
 */
export class AuthorizedComplianceReports {
  constructor(
    private readonly reports: ComplianceReports,
    private readonly access: AccessControl,
  ) {}

  async listEntities(
    query: EntityComplianceQuery,
    caller: ComplianceCaller,
  ): Promise<EntityComplianceList> {
    const visible = await this.access.visibleEntities(caller.credentials);
    const ownerRef = await this.visibleOwner(query.ownerRef, caller);
    return this.reports.listEntities({ ...query, ownerRef }, visible);
  }

  async orgTree(caller: ComplianceCaller): Promise<OrgTreeNode[]> {
    return this.reports.orgTree(
      await this.access.visibleEntities(caller.credentials),
    );
  }

  async trend(
    query: LevelTrendQuery,
    caller: ComplianceCaller,
  ): Promise<LevelTrend> {
    const visible = await this.access.visibleEntities(caller.credentials);
    const ownerRef = await this.visibleOwner(query.ownerRef, caller);
    return this.reports.trend({ ownerRef, days: query.days }, visible);
  }

  /** An owner filter is a group unless it says otherwise, as in `spec.owner`. */
  private async visibleOwner(
    ownerRef: string | undefined,
    caller: ComplianceCaller,
  ): Promise<string | undefined> {
    if (!ownerRef) return undefined;
    return this.access.requireVisibleEntity(caller.credentials, ownerRef, {
      field: 'ownerRef',
      defaultKind: 'group',
    });
  }
}
