import type { ReactElement } from 'react';
import type { Entity } from '@backstage/catalog-model';
import {
  TestApiProvider,
  renderInTestApp,
} from '@backstage/frontend-test-utils';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { complianceApiRef, type ComplianceApi } from '../../api';

/**
 * Renders `element` as on the catalog page of `entity`, with `api` as the compliance API
 * and the catalog's entity route mounted.
 *
 * @internal
 */
export function renderOnEntityPage(
  element: ReactElement,
  entity: Entity,
  api: ComplianceApi,
) {
  return renderInTestApp(
    <TestApiProvider apis={[[complianceApiRef, api]]}>
      <EntityProvider entity={entity}>{element}</EntityProvider>
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
}
