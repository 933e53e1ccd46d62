import type { AuditorService } from '@backstage/backend-plugin-api';
import { InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import {
  deploymentsHistoryImportPermission,
  deploymentsVersionCreatePermission,
  type DeploymentRun,
  type DeploymentRunList,
  type DeploymentRunQuery,
  type DeploymentVersionInput,
  type DeploymentVersionRegistration,
  type DoraMetrics,
  type HistoryImportResult,
  type ImportedDeployment,
} from '@runway/plugin-deployments-common';
import type { CatalogScopes } from '../catalog/CatalogScopes';
import type { AuditRecord, AuditVerification } from '../database/AuditLog';
import { rowErrorsMessage, type RowError } from '../lib/rowErrors';
import {
  RUN_NOT_FOUND,
  type DeploymentsService,
  type DoraWindowQuery,
} from '../service/DeploymentsService';
import { parseDateTime } from '../lib/parseDateTime';
import { entityNotFound, type AccessControl } from './AccessControl';
import { auditedWrite } from './auditedWrite';
import { principalRef, type DeploymentsCaller } from './DeploymentsCaller';
import { kindOf, tryParseRequestRef } from './entityRefs';
import { isVisible, visibleOnly } from './visibleEntities';

/** How many denied entities a 403 lists. */
const LISTED_DENIED = 20;

/**
 * The deployments service as callers reach it: every read shows only what the caller may
 * read in the catalog (what they may not see answers like what does not exist), every
 * write is checked against its permission for each entity it is about and audited through
 * `coreServices.auditor`. The service underneath knows nothing of callers.
 *
 * @internal
 */
export class AuthorizedDeploymentsService {
  constructor(
    private readonly service: DeploymentsService,
    private readonly access: AccessControl,
    private readonly scopes: CatalogScopes,
    private readonly auditor: AuditorService,
  ) {}

  async registerVersion(
    input: DeploymentVersionInput,
    caller: DeploymentsCaller,
  ): Promise<DeploymentVersionRegistration> {
    const { credentials } = caller;
    const entityRef = await this.access.requireEntity(
      credentials,
      input.entityRef,
      { field: 'entityRef', defaultKind: 'component' },
    );
    return auditedWrite(
      this.auditor,
      {
        eventId: 'version-register',
        caller,
        meta: { entityRef, version: input.version, commitSha: input.commitSha },
        outcome: result => ({ created: result.created }),
      },
      async () => {
        await this.access.authorize(
          credentials,
          deploymentsVersionCreatePermission,
          entityRef,
        );
        return this.service.registerVersion({
          ...input,
          entityRef,
          registeredBy: principalRef(credentials),
        });
      },
    );
  }

  /**
   * All or nothing: every bad row (schema, times, duplicate ids, unknown or hidden
   * entities) is reported at once, by index and field; then `deployments.history.import` must be allowed on every entity; then the
   * store imports the rows in one transaction.
   */
  importHistory(
    body: { deployments: ImportedDeployment[] },
    caller: DeploymentsCaller,
    /** The rows that break the schema, found by the router: the rest is checked here. */
    schemaErrors: RowError[] = [],
  ): Promise<HistoryImportResult> {
    const rows = body.deployments;
    const { credentials } = caller;
    return auditedWrite(
      this.auditor,
      {
        eventId: 'history-import',
        caller,
        meta: { deployments: rows.length },
        outcome: result => ({
          imported: result.imported,
          unchanged: result.unchanged,
        }),
      },
      async () => {
        const malformed = new Set(schemaErrors.map(e => e.index));
        const { entityRefs, errors: refErrors } = await this.resolveEntities(
          rows,
          malformed,
          caller,
        );
        const errors = [
          ...schemaErrors,
          ...this.service.validateImport(rows, malformed),
          ...refErrors,
        ];
        if (errors.length) {
          const bad = new Set(errors.map(e => e.index)).size;
          throw new InputError(
            rowErrorsMessage(
              'deployments',
              errors,
              `${bad} of ${rows.length} deployments are invalid, so nothing was stored`,
            ),
          );
        }

        const denied = await this.access.deniedEntities(
          credentials,
          deploymentsHistoryImportPermission,
          [...new Set(entityRefs)],
        );
        if (denied.length) {
          const listed = denied.slice(0, LISTED_DENIED).join(', ');
          const more =
            denied.length > LISTED_DENIED
              ? ` and ${denied.length - LISTED_DENIED} more`
              : '';
          throw new NotAllowedError(
            `Missing permission ${deploymentsHistoryImportPermission.name} for ${listed}${more}, so nothing was stored`,
          );
        }

        return this.service.importHistory(
          rows.map((row, i) => ({ ...row, entityRef: entityRefs[i] })),
          principalRef(credentials),
        );
      },
    );
  }

  async listRuns(
    query: DeploymentRunQuery,
    caller: DeploymentsCaller,
  ): Promise<DeploymentRunList> {
    const { credentials } = caller;
    let entityRef: string | undefined;
    let entityRefs: ReadonlySet<string> | undefined;
    if (query.entityRef) {
      entityRef = await this.access.requireVisibleEntity(
        credentials,
        query.entityRef,
        { field: 'entityRef', defaultKind: 'component' },
      );
    } else {
      const visible = await this.access.visibleEntities(credentials);
      entityRefs = visible.all ? undefined : visible.refs;
    }
    return this.service.listRuns(
      { entityRef, entityRefs, stage: query.stage, status: query.status },
      { limit: query.limit, cursor: query.cursor },
    );
  }

  async getRun(id: string, caller: DeploymentsCaller): Promise<DeploymentRun> {
    const run = await this.service.getRun(id);
    const visible = await this.access.visibleEntities(caller.credentials);
    if (!isVisible(visible, run.entityRef)) {
      // A run of an entity the caller cannot see is one they cannot know of.
      throw new NotFoundError(RUN_NOT_FOUND);
    }
    return run;
  }

  /**
   * One entity (a system means its parts), a group with every group below it, or the whole
   * organisation; always only the entities the caller may read.
   */
  async doraMetrics(
    query: { entityRef?: string; ownerRef?: string } & DoraWindowQuery,
    caller: DeploymentsCaller,
  ): Promise<DoraMetrics> {
    if (query.entityRef && query.ownerRef) {
      throw new InputError('ownerRef: give entityRef or ownerRef, not both');
    }
    const window = this.service.doraWindow(query);
    const { credentials } = caller;
    const visible = await this.access.visibleEntities(credentials);
    const catalogCredentials = await this.access.catalogCredentials(
      credentials,
    );

    let scope: DoraMetrics['scope'] | undefined;
    let entityRefs: Set<string> | undefined;
    if (query.entityRef) {
      const entityRef = await this.access.requireVisibleEntity(
        credentials,
        query.entityRef,
        { field: 'entityRef', defaultKind: 'component' },
      );
      entityRefs = visibleOnly(
        visible,
        kindOf(entityRef) === 'system'
          ? await this.scopes.partsOf(entityRef, catalogCredentials)
          : [entityRef],
      );
      scope = { entityRef, entityCount: entityRefs.size };
    } else if (query.ownerRef) {
      const ownerRef = await this.access.requireVisibleEntity(
        credentials,
        query.ownerRef,
        { field: 'ownerRef', defaultKind: 'group' },
      );
      const owners =
        kindOf(ownerRef) === 'group'
          ? await this.scopes.groupAndDescendants(ownerRef, catalogCredentials)
          : [ownerRef];
      entityRefs = visibleOnly(
        visible,
        await this.scopes.ownedBy(owners, catalogCredentials),
      );
      scope = { ownerRef, entityCount: entityRefs.size };
    } else {
      entityRefs = visible.all ? undefined : new Set(visible.refs);
    }

    const { deployedEntities, ...figures } = await this.service.dora(
      entityRefs,
      window,
    );
    return {
      scope: scope ?? { entityCount: deployedEntities },
      ...figures,
    };
  }

  /** The rows of one entity, or of every entity the caller may see, oldest first. */
  async readAudit(
    query: { entityRef?: string; from?: string; to?: string },
    caller: DeploymentsCaller,
  ): Promise<AsyncIterable<AuditRecord[]>> {
    const { credentials } = caller;
    const from = query.from ? parseDateTime(query.from, 'from') : undefined;
    const to = query.to ? parseDateTime(query.to, 'to') : undefined;
    if (from && to && from >= to) {
      throw new InputError('from: must be before to');
    }
    let entityRefs: ReadonlySet<string> | undefined;
    if (query.entityRef) {
      entityRefs = new Set([
        await this.access.requireVisibleEntity(credentials, query.entityRef, {
          field: 'entityRef',
          defaultKind: 'component',
        }),
      ]);
    } else {
      const visible = await this.access.visibleEntities(credentials);
      entityRefs = visible.all ? undefined : visible.refs;
    }
    // An export of the trail is itself worth an entry in the operational audit log.
    const event = await this.auditor.createEvent({
      eventId: 'audit-export',
      severityLevel: 'low',
      request: caller.request,
      meta: {
        actor: principalRef(credentials),
        entityRef: query.entityRef ?? null,
        from: from?.toISOString() ?? null,
        to: to?.toISOString() ?? null,
      },
    });
    await event.success();
    return this.service.readAudit({ entityRefs, from, to });
  }

  /** The chain is one for all entities; its verification names rows by position only. */
  verifyAudit(): Promise<AuditVerification> {
    return this.service.verifyAudit();
  }

  /**
   * The stored ref of each row's entity, in row order, and the rows whose entity does not
   * parse or is not one the caller can read in the catalog (one catalog call for all).
   * Rows that break the schema are left out: their fields may be anything.
   */
  private async resolveEntities(
    rows: ImportedDeployment[],
    malformed: ReadonlySet<number>,
    caller: DeploymentsCaller,
  ): Promise<{ entityRefs: string[]; errors: RowError[] }> {
    const errors: RowError[] = [];
    const entityRefs = rows.map((row, index) => {
      if (malformed.has(index)) return '';
      const parsed = tryParseRequestRef(row.entityRef, 'component');
      if ('error' in parsed) {
        errors.push({ index, field: 'entityRef', message: parsed.error });
        return '';
      }
      return parsed.ref;
    });
    const wanted = [...new Set(entityRefs.filter(Boolean))];
    const found = await this.access.existingEntities(
      caller.credentials,
      wanted,
    );
    const notFound = entityNotFound('entityRef').message.replace(
      /^entityRef: /,
      '',
    );
    entityRefs.forEach((ref, index) => {
      if (ref && !found.has(ref)) {
        errors.push({ index, field: 'entityRef', message: notFound });
      }
    });
    return { entityRefs, errors };
  }
}
