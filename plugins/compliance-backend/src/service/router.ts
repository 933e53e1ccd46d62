import type {
  AuditorService,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { InputError, NotFoundError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  complianceEvaluatePermission,
  complianceExemptionApprovePermission,
  complianceExemptionCreatePermission,
  complianceResultPushPermission,
  type Exemption,
} from '@runway/plugin-compliance-common';
import type { Request } from 'express';
import express from 'express';
import {
  InvalidCheckDefinitionError,
  validateDeclarativeCheck,
} from '../checks/declarative';
import type { ComplianceService } from './ComplianceService';
import {
  createAudited,
  createAuthorize,
  createOpenApiRouter,
  principalRef,
} from './routerHelpers';
import type { ComplianceReports } from './ComplianceReports';
import { addReportRoutes } from './reportRoutes';
import { rejectUnknownFields } from './rejectUnknownFields';
import { createVisibleEntities } from './visibleEntities';

/** @internal */
export type RouterOptions = {
  service: ComplianceService;
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  catalog: CatalogService;
  auditor: AuditorService;
  /** The reporting views: entity × check table, org tree, trend. */
  reports: ComplianceReports;
};

/**
 * The HTTP API. Thin: requests are validated against openapi.yaml (a bad request is a 400
 * naming the field), authorized, audited when they write, and handed to the service.
 *
 * @internal
 */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { service, httpAuth, permissions, catalog, auditor } = options;
  const router = createOpenApiRouter();
  router.use(express.json());

  // Bodies with a field their schema doesn't allow get a 400 naming that field, before the
  // OpenAPI validator, whose message names only the enclosing object.
  const outer = express.Router();
  for (const path of ['/results', '/exemptions', '/exemptions/{id}/decision']) {
    outer.post(
      path.replace(/\{(\w+)\}/g, ':$1'),
      express.json(),
      rejectUnknownFields(path, 'post'),
    );
  }
  outer.use(router);

  const authorize = createAuthorize(httpAuth, permissions);

  /** Which entities the caller may read: reads over many entities count and list only these. */
  const visibleEntities = createVisibleEntities({ permissions, catalog });
  const visibleTo = async (req: Request) =>
    visibleEntities(await httpAuth.credentials(req));

  /** Reads follow the catalog's read permission: what the caller cannot see is "not found". */
  async function requireVisibleEntity(
    req: Request,
    entityRef: string,
  ): Promise<string> {
    const credentials = await httpAuth.credentials(req);
    const entity = await catalog.getEntityByRef(entityRef, { credentials });
    if (!entity)
      throw new NotFoundError(`No entity ${entityRef} in the catalog`);
    return stringifyEntityRef(entity);
  }

  /** Runs a write as an audit event: success or failure is always recorded. */
  const audited = createAudited(auditor);

  const entityRefFromParams = (params: Record<string, string>) =>
    stringifyEntityRef({
      kind: params.kind,
      namespace: params.namespace,
      name: params.name,
    });

  router.get('/checks', async (_req, res) => {
    res.json({ items: service.listChecks() });
  });

  router.get('/entities/:kind/:namespace/:name', async (req, res) => {
    const entityRef = await requireVisibleEntity(
      req,
      entityRefFromParams(req.params),
    );
    res.json(await service.getEntityCompliance(entityRef));
  });

  router.post(
    '/entities/:kind/:namespace/:name/evaluate',
    audited('entity-evaluate', async (req, res) => {
      const entityRef = await requireVisibleEntity(
        req,
        entityRefFromParams(req.params),
      );
      await authorize(req, complianceEvaluatePermission, entityRef);
      res.json(await service.evaluate(entityRef));
    }),
  );

  router.get('/rollup', async (req, res) => {
    const { ownerRef, systemRef, domainRef } = req.query as Record<
      string,
      string | undefined
    >;
    const scope = {
      ownerRef: ownerRef && (await requireVisibleEntity(req, ownerRef)),
      systemRef: systemRef && (await requireVisibleEntity(req, systemRef)),
      domainRef: domainRef && (await requireVisibleEntity(req, domainRef)),
    };
    res.json(await service.rollup(scope, await visibleTo(req)));
  });

  addReportRoutes(router, {
    reports: options.reports,
    httpAuth,
    requireVisibleEntity,
    visibleEntities,
  });

  router.get('/gate', async (req, res) => {
    const { entityRef, environment } = req.query as Record<string, string>;
    const ref = await requireVisibleEntity(req, entityRef);
    res.json(await service.gate(ref, environment));
  });

  router.post('/checks/dry-run', async (req, res) => {
    try {
      const check = validateDeclarativeCheck(req.body.check, 'check');
      res.json(await service.dryRun(check, await visibleTo(req)));
    } catch (error) {
      if (error instanceof InvalidCheckDefinitionError) {
        throw new InputError(error.message);
      }
      throw error;
    }
  });

  router.post(
    '/results',
    audited('result-push', async (req, res) => {
      const credentials = await authorize(req, complianceResultPushPermission);
      await service.pushExternalResult(req.body, principalRef(credentials));
      res.status(204).end();
    }),
  );

  router.get('/exemptions', async (req, res) => {
    const { entityRef, status } = req.query as Record<
      string,
      string | undefined
    >;
    // One entity: its exemptions, if the caller may see it. Else those of every visible entity.
    const ref = entityRef
      ? await requireVisibleEntity(req, entityRef)
      : undefined;
    const items = await service.listExemptions(
      {
        entityRef: ref,
        status: status ? [status as Exemption['status']] : undefined,
      },
      ref ? undefined : await visibleTo(req),
    );
    res.json({ items });
  });

  router.post(
    '/exemptions',
    audited('exemption-request', async (req, res) => {
      const entityRef = await requireVisibleEntity(req, req.body.entityRef);
      const credentials = await authorize(
        req,
        complianceExemptionCreatePermission,
        entityRef,
      );
      const exemption = await service.requestExemption({
        ...req.body,
        entityRef,
        requestedBy: principalRef(credentials),
      });
      res.status(201).json(exemption);
    }),
  );

  router.post(
    '/exemptions/:id/decision',
    audited('exemption-decide', async (req, res) => {
      const existing = await service.getExemption(req.params.id);
      await requireVisibleEntity(req, existing.entityRef);
      const credentials = await authorize(
        req,
        complianceExemptionApprovePermission,
        existing.entityRef,
      );
      res.json(
        await service.decideExemption(req.params.id, {
          ...req.body,
          decidedBy: principalRef(credentials),
        }),
      );
    }),
  );

  return outer;
}
