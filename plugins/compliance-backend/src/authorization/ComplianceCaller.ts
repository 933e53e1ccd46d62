import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import type { Request } from 'express';

/**
 * Who is asking: their credentials, and for calls over HTTP the request, whose details
 * (address, user agent, URL) the audit log records. Actions for agents have no request.
 *
 * @internal
 */
export type ComplianceCaller = {
  credentials: BackstageCredentials;
  request?: Request;
};

/**
 * Who made a request, as recorded in `createdBy`, `requestedBy` and the audit log: a user's
 * entity ref, or a service principal's subject (e.g. `external:ci` for a static token).
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

/** The user's entity ref, or undefined when the caller is not a person. @internal */
export function userRef(credentials: BackstageCredentials): string | undefined {
  const principal = credentials.principal as {
    type: string;
    userEntityRef?: string;
  };
  return principal.type === 'user' ? principal.userEntityRef : undefined;
}
