import type {
  AuditorService,
  BackstageCredentials,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { createValidatedOpenApiRouter } from '@backstage/backend-openapi-utils';
import { NotAllowedError } from '@backstage/errors';
import {
  AuthorizeResult,
  type BasicPermission,
  type ResourcePermission,
} from '@backstage/plugin-permission-common';
import type { Request, RequestHandler, Router } from 'express';
import { openApiSpec } from '../schema/openapi';

/**
 * A router that validates every request against openapi.yaml: a bad request is a 400
 * naming the field.
 *
 * @internal
 */
export function createOpenApiRouter(): Router {
  // The spec is loaded from YAML at runtime, so there are no generated route types to check.
  const create = createValidatedOpenApiRouter as unknown as (
    spec: unknown,
  ) => Router;
  return create(openApiSpec);
}

/**
 * Who made a request, as recorded in `createdBy`, `requestedBy` and the like.
 *
 * @internal
 */
export function principalRef(credentials: BackstageCredentials): string {
  const principal = credentials.principal as {
    type: string;
    userEntityRef?: string;
    subject?: string;
  };
  return principal.type === 'user'
    ? principal.userEntityRef!
    : principal.subject ?? 'unknown';
}

/**
 * Returns a function that authorizes a request for a basic permission and returns the
 * caller's credentials, or throws `NotAllowedError` (403).
 *
 * @internal
 */
export function createAuthorize(
  httpAuth: HttpAuthService,
  permissions: PermissionsService,
) {
  return async function authorize(
    req: Request,
    permission: BasicPermission | ResourcePermission,
    resourceRef?: string,
  ): Promise<BackstageCredentials> {
    const credentials = await httpAuth.credentials(req);
    const [decision] = await permissions.authorize(
      [
        resourceRef === undefined
          ? { permission: permission as BasicPermission }
          : { permission: permission as ResourcePermission, resourceRef },
      ],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(`Missing permission ${permission.name}`);
    }
    return credentials;
  };
}

/**
 * Returns a wrapper that runs a write as an audit event: success or failure is always
 * recorded.
 *
 * @internal
 */
export function createAudited(auditor: AuditorService) {
  return function audited(
    eventId: string,
    handler: RequestHandler,
  ): RequestHandler {
    return async (req, res, next) => {
      const event = await auditor.createEvent({
        eventId,
        severityLevel: 'medium',
        request: req,
        meta: { params: req.params, body: req.body },
      });
      try {
        await handler(req, res, next);
        await event.success();
      } catch (error) {
        await event.fail({ error: error as Error });
        throw error;
      }
    };
  };
}
