import type {
  AuditorService,
  BackstageCredentials,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  complianceCampaignManagePermission,
  type CampaignStatus,
} from '@runway/plugin-compliance-common';
import express, { type Router } from 'express';
import type { CampaignService } from './CampaignService';
import { rejectUnknownFields } from './rejectUnknownFields';
import {
  createAudited,
  createAuthorize,
  createOpenApiRouter,
  principalRef,
} from './routerHelpers';
import type { VisibleEntities } from './visibleEntities';

/** @internal */
export type CampaignsRouterOptions = {
  campaigns: CampaignService;
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  auditor: AuditorService;
  /**
   * The entities the caller may read in the catalog; progress counts only these, and a new
   * campaign's filter may name only a group among them.
   */
  visibleEntities: (
    credentials: BackstageCredentials,
  ) => Promise<VisibleEntities>;
};

/** The paths this router serves; it passes every other request on untouched. */
const CAMPAIGN_PATHS = /^\/campaigns(\/|$)/;

/**
 * The campaign routes. Requests are validated against openapi.yaml (and a field the spec
 * does not allow is named in the 400); reads are open to every signed-in caller and count
 * only the entities the caller may read in the catalog; every write needs
 * `compliance.campaign.manage` and is audited.
 *
 * @internal
 */
export function createCampaignsRouter(options: CampaignsRouterOptions): Router {
  const { campaigns, httpAuth, permissions, auditor } = options;
  const outer = express.Router();
  outer.post(
    '/campaigns',
    express.json(),
    rejectUnknownFields('/campaigns', 'post'),
  );
  outer.post(
    '/campaigns/:id/end',
    express.json(),
    rejectUnknownFields('/campaigns/{id}/end', 'post'),
  );
  const router = createOpenApiRouter();
  outer.use((req, res, next) =>
    CAMPAIGN_PATHS.test(req.path) ? router(req, res, next) : next(),
  );
  const authorize = createAuthorize(httpAuth, permissions);
  const audited = createAudited(auditor);
  const visibleTo = async (req: express.Request) =>
    options.visibleEntities(await httpAuth.credentials(req));

  router.get('/campaigns', async (req, res) => {
    const status = req.query.status as CampaignStatus | undefined;
    res.json({ items: await campaigns.list({ status }, await visibleTo(req)) });
  });

  router.post(
    '/campaigns',
    audited('campaign-create', async (req, res) => {
      const credentials = await authorize(
        req,
        complianceCampaignManagePermission,
      );
      // The filter may name only a group the caller can read in the catalog.
      const campaign = await campaigns.create(
        { ...req.body, createdBy: principalRef(credentials) },
        await options.visibleEntities(credentials),
      );
      res.status(201).json(campaign);
    }),
  );

  router.get('/campaigns/:id', async (req, res) => {
    res.json(await campaigns.progress(req.params.id, await visibleTo(req)));
  });

  router.post(
    '/campaigns/:id/end',
    audited('campaign-end', async (req, res) => {
      const credentials = await authorize(
        req,
        complianceCampaignManagePermission,
      );
      res.json(await campaigns.end(req.params.id, principalRef(credentials)));
    }),
  );

  return outer;
}
