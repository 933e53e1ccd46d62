import type { HttpAuthService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import express, { type Request, type Response } from 'express';
import Router from 'express-promise-router';
import type { AuthorizedDeploymentsService } from '../authorization/AuthorizedDeploymentsService';
import type { DeploymentsCaller } from '../authorization/DeploymentsCaller';
import type { AuditRecord } from '../database/AuditLog';
import { createOpenApiRouter } from '../schema/openapi';
import { auditCsvHeader, auditCsvLine } from './auditCsv';
import { bodyValidator, validateJsonBody } from './validateJsonBody';

/** @internal */
export type RouterOptions = {
  deployments: AuthorizedDeploymentsService;
  httpAuth: HttpAuthService;
};

/**
 * The largest import body: 10,000 deployments (the schema's maxItems) of some 400 bytes
 * each, with room to spare. Express' default of 100 kB would cut an import at about 250.
 */
const IMPORT_BODY_LIMIT = '16mb';

/** Writes audit rows as they are read, so that an export of any size runs in little memory. */
async function streamAudit(
  res: Response,
  pages: AsyncIterable<AuditRecord[]>,
  format: 'json' | 'csv',
) {
  if (format === 'csv') {
    res.status(200);
    res.type('text/csv; charset=utf-8');
    res.setHeader(
      'Content-Disposition',
      'attachment; filename="deployments-audit.csv"',
    );
    res.write(auditCsvHeader());
    for await (const page of pages) res.write(page.map(auditCsvLine).join(''));
    res.end();
    return;
  }
  res.status(200);
  res.type('application/json');
  res.write('{"items":[');
  let first = true;
  for await (const page of pages) {
    for (const record of page) {
      res.write(`${first ? '' : ','}${JSON.stringify(record)}`);
      first = false;
    }
  }
  res.end(']}');
}

/**
 * The HTTP API, every route of openapi.yaml on one router typed by it. Thin: the router
 * validates each request against the spec (a bad request is a 400 naming the field), and
 * hands it with the caller's credentials to the authorized service, which checks
 * permissions and visibility and audits writes.
 *
 * @internal
 */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { deployments, httpAuth } = options;
  const router = await createOpenApiRouter();

  const outer = Router();
  const callerOf = async (
    req: Request<any, any, any, any>,
  ): Promise<DeploymentsCaller> => ({
    credentials: await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    }),
    request: req,
  });

  // An import is checked here rather than by the OpenAPI validator, with the same schema,
  // because it must report every bad row by index and field: those that break the schema
  // and, in the same answer, those whose times, ids or entities are wrong. The OpenAPI
  // validator would stop at the first error.
  const checkImport = bodyValidator('/history/import', {
    rowsField: 'deployments',
  });
  outer.post(
    '/history/import',
    express.json({ limit: IMPORT_BODY_LIMIT }),
    async (req, res) => {
      const { rows, others } = checkImport(req.body);
      if (others.length) throw new InputError(others.join('; '));
      res.json(
        await deployments.importHistory(req.body, await callerOf(req), rows),
      );
    },
  );
  // Other bodies name every bad field, not just the first as the OpenAPI validator does.
  outer.post('/versions', express.json(), validateJsonBody('/versions'));
  outer.use(router);

  router.post('/versions', async (req, res) => {
    const result = await deployments.registerVersion(
      req.body,
      await callerOf(req),
    );
    res.status(result.created ? 201 : 200).json(result);
  });

  router.get('/runs', async (req, res) => {
    const { limit, ...query } = req.query;
    res.json(
      await deployments.listRuns(
        { ...query, limit: limit === undefined ? undefined : Number(limit) },
        await callerOf(req),
      ),
    );
  });

  router.get('/runs/:id', async (req, res) => {
    res.json(await deployments.getRun(req.params.id, await callerOf(req)));
  });

  router.get('/metrics/dora', async (req, res) => {
    res.json(await deployments.doraMetrics(req.query, await callerOf(req)));
  });

  router.get('/audit', async (req, res) => {
    const { format, ...query } = req.query;
    const pages = await deployments.readAudit(query, await callerOf(req));
    await streamAudit(res, pages, format === 'csv' ? 'csv' : 'json');
  });

  router.get('/audit/verify', async (req, res) => {
    await callerOf(req);
    res.json(await deployments.verifyAudit());
  });

  return outer;
}
