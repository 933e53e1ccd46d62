import type {
  BackstageCredentials,
  HttpAuthService,
} from '@backstage/backend-plugin-api';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import type { Request, Router } from 'express';
import type { ComplianceReports, EntityListQuery } from './ComplianceReports';
import type { VisibleEntities } from './visibleEntities';

/** @internal */
export type ReportRoutesOptions = {
  reports: ComplianceReports;
  httpAuth: HttpAuthService;
  /** The router's check that an entity is visible to the caller (else 404); returns its ref. */
  requireVisibleEntity: (req: Request, entityRef: string) => Promise<string>;
  /** The entities the caller may read in the catalog; the views cover only these. */
  visibleEntities: (
    credentials: BackstageCredentials,
  ) => Promise<VisibleEntities>;
};

/** An owner filter is a group unless it says otherwise, as in `spec.owner`. */
function ownerEntityRef(ref: string): string {
  try {
    return stringifyEntityRef(
      parseEntityRef(ref, {
        defaultKind: 'group',
        defaultNamespace: 'default',
      }),
    );
  } catch (error) {
    throw new InputError(`ownerRef: ${(error as Error).message}`);
  }
}

/**
 * The reporting routes of the Compliance page, on the plugin's validated router: the
 * query parameters are checked against openapi.yaml before these handlers run (integers
 * arrive as numbers). Like the other reads, they are open to every signed-in caller, an
 * entity named in a parameter must be visible to the caller, and they count and list only
 * the entities the caller may read in the catalog.
 *
 * @internal
 */
export function addReportRoutes(
  router: Router,
  options: ReportRoutesOptions,
): void {
  const { reports, httpAuth } = options;
  // The plugin's HTTP router already turns unauthenticated requests away; this keeps it so
  // should its auth policy ever be relaxed.
  const signedIn = (req: Request) =>
    httpAuth.credentials(req, { allow: ['user', 'service'] });
  const visibleTo = async (req: Request) =>
    options.visibleEntities(await signedIn(req));
  const visibleOwner = async (req: Request, ownerRef: string | undefined) =>
    ownerRef
      ? options.requireVisibleEntity(req, ownerEntityRef(ownerRef))
      : undefined;

  router.get('/entities', async (req, res) => {
    const query = req.query as EntityListQuery;
    const visible = await visibleTo(req);
    const ownerRef = await visibleOwner(req, query.ownerRef);
    res.json(await reports.listEntities({ ...query, ownerRef }, visible));
  });

  router.get('/org-tree', async (req, res) => {
    const visible = await visibleTo(req);
    res.json({ items: await reports.orgTree(visible) });
  });

  router.get('/trend', async (req, res) => {
    const query = req.query as { ownerRef?: string; days?: number };
    const visible = await visibleTo(req);
    const ownerRef = await visibleOwner(req, query.ownerRef);
    res.json(await reports.trend({ ownerRef, days: query.days }, visible));
  });
}
