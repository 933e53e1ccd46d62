import { screen } from '@testing-library/react';
import {
  ApiBlueprint,
  coreExtensionData,
} from '@backstage/frontend-plugin-api';
import {
  TestApiProvider,
  createExtensionTester,
  renderInTestApp,
  renderTestApp,
} from '@backstage/frontend-test-utils';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import compliancePlugin from './alpha';
import {
  complianceApi,
  complianceEntityCard,
  complianceEntityContent,
  complianceGroupCard,
  compliancePage,
} from './alpha/extensions';
import { complianceApiRef } from './api';
import * as legacyExports from './index';
import packageJson from '../package.json';
import {
  componentEntity,
  groupEntity,
  mockComplianceApi,
} from './testing/fixtures';

const mountedRoutes = { '/catalog/:namespace/:kind/:name': entityRouteRef };

describe('new frontend system', () => {
  it('is the default export of ./alpha, where app.packages discovery looks for it', () => {
    // Discovery installs the default export of each entry point in `exports`: the root
    // must have none, or a legacy app's package would install something twice.
    expect(packageJson.exports['./alpha']).toBe('./src/alpha.ts');
    expect(legacyExports).not.toHaveProperty('default');
    expect(compliancePlugin.$$type).toBe('@backstage/FrontendPlugin');
    expect(compliancePlugin.pluginId).toBe('compliance');
  });

  it('renders the Compliance tab of an entity', async () => {
    const tester = createExtensionTester(complianceEntityContent);
    expect(tester.get(coreExtensionData.routePath)).toBe('compliance');
    expect(tester.get(EntityContentBlueprint.dataRefs.title)).toBe(
      'Compliance',
    );

    renderInTestApp(
      <TestApiProvider apis={[[complianceApiRef, mockComplianceApi()]]}>
        <EntityProvider entity={componentEntity}>
          {tester.reactElement()}
        </EntityProvider>
      </TestApiProvider>,
      { mountedRoutes },
    );

    expect(
      await screen.findByRole('table', { name: 'compliance checks' }),
    ).toBeInTheDocument();
    expect(
      screen.getByText('group:default/team-payments has no members'),
    ).toBeInTheDocument();
  });

  it('shows the entity tab and card only on kinds the backend evaluates', () => {
    const filters = [
      createExtensionTester(complianceEntityContent).get(
        EntityContentBlueprint.dataRefs.filterFunction,
      ),
      createExtensionTester(complianceEntityCard).get(
        EntityCardBlueprint.dataRefs.filterFunction,
      ),
    ];
    for (const filter of filters) {
      expect(filter?.(componentEntity)).toBe(true);
      expect(filter?.(groupEntity)).toBe(false);
    }
  });

  it('shows the team card only on groups', () => {
    const filter = createExtensionTester(complianceGroupCard).get(
      EntityCardBlueprint.dataRefs.filterFunction,
    );
    expect(filter?.(groupEntity)).toBe(true);
    expect(filter?.(componentEntity)).toBe(false);
  });

  it('renders the Compliance page at /compliance', async () => {
    const tester = createExtensionTester(compliancePage);
    expect(tester.get(coreExtensionData.routePath)).toBe('/compliance');
    expect(tester.get(coreExtensionData.title)).toBe('Compliance');

    renderInTestApp(
      <TestApiProvider apis={[[complianceApiRef, mockComplianceApi()]]}>
        {tester.reactElement()}
      </TestApiProvider>,
      { mountedRoutes },
    );

    expect(await screen.findByText('75%')).toBeInTheDocument();
  });

  it('serves the Compliance page at /compliance when the plugin is installed', async () => {
    const api = mockComplianceApi();
    renderTestApp({
      features: [compliancePlugin],
      apis: [[complianceApiRef, api]],
      initialRouteEntries: ['/compliance'],
      mountedRoutes,
    });

    expect(await screen.findByText('75%')).toBeInTheDocument();
    expect(api.getRollup).toHaveBeenCalledWith({});
  });

  it('provides the compliance API', () => {
    const factory = createExtensionTester(complianceApi).get(
      ApiBlueprint.dataRefs.factory,
    );
    expect(factory.api.id).toBe(complianceApiRef.id);
  });
});
