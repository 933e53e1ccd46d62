// Production code must not import this file.
import { wrapServer as backstageWrapServer } from '@backstage/backend-openapi-utils/testUtils';
import type { Express } from 'express';
import type { Server } from 'node:http';

/**
 * Backstage's OpenAPI validation proxy around an express app: every request and response
 * through the returned server is checked against the spec the app serves.
 *
 * The app listens on 127.0.0.1 only. The proxy forwards to `localhost`, and asks for an
 * IPv6 address whenever something answers on ::1 (as a server listening on all addresses
 * does); on hosts whose /etc/hosts has no `::1 localhost` that lookup fails, and every
 * request would be a 502.
 *
 * @internal
 */
export function wrapServer(app: Express): Promise<Server> {
  const ipv4Only = {
    listen: (port: number) => app.listen(port, '127.0.0.1'),
  } as unknown as Express;
  return backstageWrapServer(ipv4Only);
}
