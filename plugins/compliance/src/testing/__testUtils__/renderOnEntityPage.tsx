import type { ReactElement } from 'react';
import type { Entity } from '@backstage/catalog-model';
import { TestApiProvider } from '@backstage/frontend-test-utils';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { complianceApiRef, type ComplianceApi } from '../../api';
import { renderWithAccess, type TestAppAccess } from './renderWithAccess';

/**
 * Renders `element` as on the catalog page of `entity`, with `api` as the compliance API,
 * the catalog's entity route mounted, and a signed-in user with the given access (by
 * default bob, allowed everything).
 *
 * @internal
 */
export function renderOnEntityPage(
  element: ReactElement,
  entity: Entity,
  api: ComplianceApi,
  access?: TestAppAccess,
) {
  return renderWithAccess(
    <TestApiProvider apis={[[complianceApiRef, api]]}>
      <EntityProvider entity={entity}>{element}</EntityProvider>
    </TestApiProvider>,
    access,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
}
