import { createApp } from '@backstage/app-defaults';
import { AppRouter, FlatRoutes } from '@backstage/core-app-api';
import { createApiFactory, fetchApiRef } from '@backstage/core-plugin-api';
import { CatalogEntityPage, catalogPlugin } from '@backstage/plugin-catalog';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { flattenOrgTree } from '@runway/plugin-compliance-common';
import { render, screen, within } from '@testing-library/react';
import { Route } from 'react-router-dom';
import {
  CompliancePage,
  EntityComplianceCard,
  EntityComplianceContent,
  GroupComplianceCard,
  compliancePlugin,
} from './index';
import {
  componentEntity,
  groupEntity,
  mockComplianceApi,
} from './testing/fixtures';

// A whole app boots per test while the test command runs every package's tests at once on
// a 2-core machine: more than jest's default 5 s allows.
jest.setTimeout(30_000);

/**
 * The compliance backend's answers to what the views ask, at the paths the real client
 * requests, so that the plugin's own API factory and client are exercised too.
 */
function fakeComplianceBackend(): typeof fetch {
  const api = mockComplianceApi();
  const answers: Record<string, () => Promise<unknown>> = {
    '/api/compliance/checks': async () => ({ items: await api.listChecks() }),
    '/api/compliance/rollup': () => api.getRollup({}),
    '/api/compliance/entities': () => api.listEntities({}),
    '/api/compliance/entities/component/default/payments-api': () =>
      api.getEntity('component:default/payments-api'),
    '/api/compliance/exemptions': async () => ({ items: [] }),
    '/api/compliance/campaigns': async () => ({ items: [] }),
    '/api/compliance/org-tree': async () => ({
      items: flattenOrgTree(await api.getOrgTree()),
    }),
    '/api/compliance/trend': () => api.getTrend(),
  };
  return async input => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const answer = answers[url.pathname];
    return answer
      ? new Response(JSON.stringify(await answer()), {
          headers: { 'content-type': 'application/json' },
        })
      : new Response(JSON.stringify({ error: { name: 'NotFoundError' } }), {
          status: 404,
          headers: { 'content-type': 'application/json' },
        });
  };
}

/**
 * The package root's exports in an app built the way a legacy-frontend-system app is: the
 * legacy `createApp` of `@backstage/app-defaults`, the plugin in `plugins`, the page and
 * the entity page parts mounted in the app's own routes, as the README tells a team to.
 * Like every Backstage app it has the catalog, whose entity page the compliance views
 * link to.
 */
function renderLegacyApp(path: string) {
  const app = createApp({
    plugins: [catalogPlugin, compliancePlugin],
    // Only the network is replaced; the compliance client is the plugin's own.
    apis: [createApiFactory(fetchApiRef, { fetch: fakeComplianceBackend() })],
    configLoader: async () => [
      {
        context: 'test',
        data: {
          app: { title: 'Legacy app', baseUrl: 'http://localhost' },
          backend: { baseUrl: 'http://localhost' },
        },
      },
    ],
  });
  const AppRoot = app.createRoot(
    <AppRouter>
      <FlatRoutes>
        <Route
          path="/catalog/:namespace/:kind/:name"
          element={<CatalogEntityPage />}
        />
        <Route path="/compliance" element={<CompliancePage />} />
        <Route
          path="/entity"
          element={
            <EntityProvider entity={componentEntity}>
              <EntityComplianceCard />
              <EntityComplianceContent />
            </EntityProvider>
          }
        />
        <Route
          path="/group"
          element={
            <EntityProvider entity={groupEntity}>
              <GroupComplianceCard />
            </EntityProvider>
          }
        />
      </FlatRoutes>
    </AppRouter>,
  );
  window.history.pushState({}, '', path);
  return render(<AppRoot />);
}

describe('the legacy frontend system exports', () => {
  it('render the Compliance page in a legacy createApp app', async () => {
    renderLegacyApp('/compliance');

    expect(
      await screen.findByRole('heading', { name: 'Compliance' }),
    ).toBeInTheDocument();
    const offenders = await screen.findByRole('table', {
      name: 'worst offenders',
    });
    expect(within(offenders).getByText(/legacy-invoicing/)).toBeInTheDocument();
  });

  it("render an entity's compliance card and tab", async () => {
    renderLegacyApp('/entity');

    expect(
      await screen.findByRole('table', { name: 'compliance checks' }),
    ).toBeInTheDocument();
    expect(await screen.findByLabelText('check counts')).toBeInTheDocument();
  });

  it("render a team's compliance card", async () => {
    renderLegacyApp('/group');

    expect(await screen.findByText('Team compliance')).toBeInTheDocument();
  });
});
