import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  AuthorizeResult,
  type QueryPermissionResponse,
} from '@backstage/plugin-permission-common';
import { createVisibleEntities, isVisible } from './visibleEntities';

const component = (name: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default' },
  spec: {},
});

const conditional: QueryPermissionResponse = {
  result: AuthorizeResult.CONDITIONAL,
  pluginId: 'catalog',
  resourceType: 'catalog-entity',
  conditions: {
    rule: 'IS_ENTITY_OWNER',
    resourceType: 'catalog-entity',
    params: { claims: ['group:default/team-a'] },
  },
};

function setup(decision: QueryPermissionResponse, entities: Entity[] = []) {
  const permissions = mockServices.permissions.mock({
    authorizeConditional: async requests => requests.map(() => decision),
  });
  const inMemory = catalogServiceMock({ entities });
  const catalog = catalogServiceMock.mock({
    queryEntities: (request, options) =>
      inMemory.queryEntities(request, options),
  });
  return {
    permissions,
    catalog,
    visibleEntities: createVisibleEntities({ permissions, catalog }),
  };
}

describe('createVisibleEntities', () => {
  const credentials = mockCredentials.user('user:default/alice');

  it('filters nothing and asks the catalog nothing when reads are allowed', async () => {
    const { visibleEntities, permissions, catalog } = setup({
      result: AuthorizeResult.ALLOW,
    });
    const visible = await visibleEntities(credentials);
    expect(visible).toEqual({ all: true });
    expect(isVisible(visible, 'component:default/anything')).toBe(true);
    expect(permissions.authorizeConditional).toHaveBeenCalledWith(
      [
        {
          permission: expect.objectContaining({ name: 'catalog.entity.read' }),
        },
      ],
      { credentials },
    );
    expect(catalog.queryEntities).not.toHaveBeenCalled();
  });

  it('shows nothing when reads are denied', async () => {
    const { visibleEntities, catalog } = setup({
      result: AuthorizeResult.DENY,
    });
    const visible = await visibleEntities(credentials);
    expect(visible).toEqual({ all: false, refs: new Set() });
    expect(isVisible(visible, 'component:default/a')).toBe(false);
    expect(catalog.queryEntities).not.toHaveBeenCalled();
  });

  it('reads every page of what the caller sees, refs only, with their credentials', async () => {
    const entities = Array.from({ length: 2345 }, (_, i) =>
      component(`Service-${i}`),
    );
    const { visibleEntities, catalog } = setup(conditional, entities);
    const visible = await visibleEntities(credentials);

    expect(visible.all).toBe(false);
    if (visible.all) return;
    expect(visible.refs.size).toBe(2345);
    // Stringified like the stored refs: lower-case.
    expect(isVisible(visible, 'component:default/service-2344')).toBe(true);
    expect(isVisible(visible, 'component:default/service-2345')).toBe(false);
    expect(catalog.queryEntities).toHaveBeenCalledTimes(3);
    for (const [request, options] of catalog.queryEntities.mock.calls) {
      expect(request).toMatchObject({
        fields: ['kind', 'metadata.namespace', 'metadata.name'],
      });
      expect(options).toEqual({ credentials });
    }
  });
});
