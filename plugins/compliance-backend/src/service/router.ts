import type { HttpAuthService } from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { flattenOrgTree } from '@runway/plugin-compliance-common';
import express, { type Request } from 'express';
import type { AuthorizedCampaignService } from '../authorization/AuthorizedCampaignService';
import type { AuthorizedComplianceReports } from '../authorization/AuthorizedComplianceReports';
import type { AuthorizedComplianceService } from '../authorization/AuthorizedComplianceService';
import type { ComplianceCaller } from '../authorization/ComplianceCaller';
import { createOpenApiRouter } from '../schema/openapi';
import { rejectUnknownFields } from './rejectUnknownFields';

/** @internal */
export type RouterOptions = {
  compliance: AuthorizedComplianceService;
  campaigns: AuthorizedCampaignService;
  reports: AuthorizedComplianceReports;
  httpAuth: HttpAuthService;
};

/** The JSON bodies whose unknown fields get a 400 naming the field (see rejectUnknownFields). */
const STRICT_BODIES = [
  '/entities/dry-run',
  '/results',
  '/exemptions',
  '/exemptions/{id}/decision',
  '/campaigns',
  '/campaigns/{id}/end',
] as const;

/**
 * The HTTP API, every route of openapi.yaml on one router typed by it. Thin: the router
 * validates each request against the spec (a bad request is a 400 naming the field), and
 * hands it with the caller's credentials to the authorized services, which check
 * permissions and audit writes.
 *
 * @internal
 */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { compliance, campaigns, reports, httpAuth } = options;
  const router = await createOpenApiRouter();

  // Bodies with a field their schema doesn't allow get a 400 naming that field, before the
  // OpenAPI validator, whose message names only the enclosing object.
  const outer = express.Router();
  for (const path of STRICT_BODIES) {
    outer.post(
      path.replace(/\{(\w+)\}/g, ':$1'),
      express.json(),
      rejectUnknownFields(path, 'post'),
    );
  }
  outer.use(router);

  const callerOf = async (
    req: Request<any, any, any, any>,
  ): Promise<ComplianceCaller> => ({
    credentials: await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    }),
    request: req,
  });
  const pathRef = (params: { kind: string; namespace: string; name: string }) =>
    stringifyEntityRef(params);

  router.get('/checks', async (req, res) => {
    await callerOf(req);
    res.json({ items: compliance.listChecks() });
  });

  router.get('/entities/:kind/:namespace/:name', async (req, res) => {
    res.json(
      await compliance.getEntityCompliance(
        pathRef(req.params),
        await callerOf(req),
      ),
    );
  });

  router.post('/entities/:kind/:namespace/:name/evaluate', async (req, res) => {
    res.json(
      await compliance.evaluate(pathRef(req.params), await callerOf(req)),
    );
  });

  router.post('/entities/dry-run', async (req, res) => {
    await callerOf(req);
    res.json(await compliance.dryRunEntity(req.body.entity));
  });

  router.get('/rollup', async (req, res) => {
    res.json(await compliance.rollup(req.query, await callerOf(req)));
  });

  router.get('/gate', async (req, res) => {
    res.json(await compliance.gate(req.query, await callerOf(req)));
  });

  router.post('/checks/dry-run', async (req, res) => {
    res.json(await compliance.dryRunCheck(req.body.check, await callerOf(req)));
  });

  router.post('/results', async (req, res) => {
    await compliance.pushExternalResult(req.body, await callerOf(req));
    res.status(204).end();
  });

  router.get('/exemptions', async (req, res) => {
    res.json({
      items: await compliance.listExemptions(req.query, await callerOf(req)),
    });
  });

  router.post('/exemptions', async (req, res) => {
    res
      .status(201)
      .json(await compliance.requestExemption(req.body, await callerOf(req)));
  });

  router.post('/exemptions/:id/decision', async (req, res) => {
    res.json(
      await compliance.decideExemption(
        req.params.id,
        req.body,
        await callerOf(req),
      ),
    );
  });

  router.get('/entities', async (req, res) => {
    res.json(await reports.listEntities(req.query, await callerOf(req)));
  });

  router.get('/org-tree', async (req, res) => {
    const tree = await reports.orgTree(await callerOf(req));
    res.json({ items: flattenOrgTree(tree) });
  });

  router.get('/trend', async (req, res) => {
    res.json(await reports.trend(req.query, await callerOf(req)));
  });

  router.get('/campaigns', async (req, res) => {
    res.json({ items: await campaigns.list(req.query, await callerOf(req)) });
  });

  router.post('/campaigns', async (req, res) => {
    res.status(201).json(await campaigns.create(req.body, await callerOf(req)));
  });

  router.get('/campaigns/:id', async (req, res) => {
    res.json(await campaigns.progress(req.params.id, await callerOf(req)));
  });

  router.post('/campaigns/:id/end', async (req, res) => {
    res.json(await campaigns.end(req.params.id, await callerOf(req)));
  });

  return outer;
}
