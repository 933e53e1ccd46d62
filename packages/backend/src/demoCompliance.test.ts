import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { createServiceFactory } from '@backstage/backend-plugin-api';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import { notificationService } from '@backstage/plugin-notifications-node';
import compliancePlugin from '@runway/plugin-compliance-backend';
import request from 'supertest';
import { demoCatalogConfig } from './testing/demoCatalogConfig';
import { resolve } from 'node:path';

jest.setTimeout(180_000);

const DEMO_LOCATION = resolve(__dirname, '../../../examples/all.yaml');

/** The defects planted in examples/ (see examples/README.md) and what must catch them. */
const PLANTED_DEFECTS: Record<string, string[]> = {
  'component:default/legacy-invoicing': [
    'ownership.owner-exists',
    // Its system is owned by a team that is not (an ancestor of) the missing owner.
    'ownership.system-assigned',
  ],
  'component:default/alice-scratchpad': [
    'ownership.owner-is-group',
    'ownership.system-assigned',
  ],
  'component:default/ghost-reporter': ['ownership.owner-has-members'],
  'component:default/orphan-widget': ['ownership.system-assigned'],
  'component:default/quantum-cache': ['metadata.lifecycle-valid'],
};

describe('compliance on the demo organisation', () => {
  it('fails exactly the planted defects and passes everything else', async () => {
    const backend = await startTestBackend({
      features: [
        catalogPlugin,
        compliancePlugin,
        createServiceFactory({
          service: notificationService,
          deps: {},
          factory: () => ({ send: async () => {} }),
        }),
        mockServices.rootConfig.factory({
          data: {
            catalog: demoCatalogConfig([DEMO_LOCATION]),
            compliance: {
              // No TechDocs backend runs here; the end-to-end test covers published docs.
              checks: [
                {
                  id: 'docs.techdocs-present',
                  options: { kinds: ['TechDocsNotInThisTest'] },
                },
              ],
            },
          },
        }),
      ],
    });
    const auth = mockCredentials.user.header('user:default/alice');

    // Wait until the catalog has processed the demo organisation.
    let components: Array<{ metadata: { name: string } }> = [];
    for (let settled = 0; settled < 3; ) {
      const res = await request(backend.server)
        .get('/api/catalog/entities?filter=kind=component')
        .set('Authorization', auth);
      settled =
        res.body.length >= 25 && res.body.length === components.length
          ? settled + 1
          : 0;
      components = res.body;
      await new Promise(r => setTimeout(r, 1000));
    }

    const failing: Record<string, string[]> = {};
    for (const component of components) {
      const res = await request(backend.server)
        .post(
          `/api/compliance/entities/component/default/${component.metadata.name}/evaluate`,
        )
        .set('Authorization', auth);
      expect(res.status).toBe(200);
      const failed = res.body.results
        .filter(
          (r: { status: string }) =>
            r.status === 'fail' || r.status === 'error',
        )
        .map((r: { checkId: string }) => r.checkId)
        .sort();
      if (failed.length) failing[res.body.entityRef] = failed;
    }

    expect(failing).toEqual(
      Object.fromEntries(
        Object.entries(PLANTED_DEFECTS).map(([ref, checks]) => [
          ref,
          [...checks].sort(),
        ]),
      ),
    );
    await backend.stop();
  });
});
