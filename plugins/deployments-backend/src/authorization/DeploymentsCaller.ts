import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import type { Request } from 'express';

/**
 * Who is asking: their credentials, and for calls over HTTP the request, whose details
 * (address, user agent, URL) the audit log records.
 *
 * @internal
 */
export type DeploymentsCaller = {
  credentials: BackstageCredentials;
  request?: Request;
};

/**
 * Who made a request, as recorded in `registeredBy`, `createdBy` and the audit trail: a
 * user's entity ref, or a service principal's subject (e.g. `external:ci` for a static
 * token).
 *
 * @internal
 */
export function principalRef(credentials: BackstageCredentials): string {
  const principal = credentials.principal as {
    type: string;
    userEntityRef?: string;
    subject?: string;
  };
  if (principal.type === 'user') return principal.userEntityRef!;
  return principal.subject ?? principal.type;
}
