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

const EXAMPLES = resolve(__dirname, '../../../examples');
const DEMO_LOCATION = resolve(EXAMPLES, 'all.yaml');
/** Runway itself, as app-config.yaml registers it too. */
const RUNWAY_LOCATION = resolve(__dirname, '../../../catalog-info.yaml');
/** The kinds compliance evaluates by default. */
const EVALUATED_KINDS = ['Component', 'API', 'Resource', 'System'];

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
  // Its CODEOWNERS still names the team that handed it over.
  'component:default/catalog-indexer': ['ownership.codeowners-match'],
};

type CatalogEntity = {
  kind: string;
  metadata: { name: string; annotations: Record<string, string> };
};
type Result = { checkId: string; status: string; message: string };
type Evaluation = {
  entityRef: string;
  level: string | null;
  results: Result[];
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
            catalog: demoCatalogConfig([DEMO_LOCATION, RUNWAY_LOCATION]),
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
    let entities: CatalogEntity[] = [];
    for (let settled = 0; settled < 3; ) {
      const res = await request(backend.server)
        .get('/api/catalog/entities')
        .set('Authorization', auth);
      settled =
        res.body.length >= 100 && res.body.length === entities.length
          ? settled + 1
          : 0;
      entities = res.body;
      await new Promise(r => setTimeout(r, 1000));
    }
    const evaluated = entities.filter(e => EVALUATED_KINDS.includes(e.kind));
    const components = evaluated.filter(
      e =>
        e.kind === 'Component' &&
        e.metadata.annotations['backstage.io/managed-by-location'].includes(
          EXAMPLES,
        ),
    );
    expect(components.length).toBeGreaterThanOrEqual(25);

    // all.yaml lists each catalog-info.yaml as a target: each component is managed by its
    // own file, so CODEOWNERS is read from its own folder.
    for (const component of components) {
      expect(
        component.metadata.annotations['backstage.io/managed-by-location'],
      ).toBe(
        `file:${resolve(
          EXAMPLES,
          'components',
          component.metadata.name,
          'catalog-info.yaml',
        )}`,
      );
    }

    const evaluations: Evaluation[] = [];
    for (const { kind, metadata } of evaluated) {
      const res = await request(backend.server)
        .post(
          `/api/compliance/entities/${kind.toLocaleLowerCase(
            'en-US',
          )}/default/${metadata.name}/evaluate`,
        )
        .set('Authorization', auth);
      expect(res.status).toBe(200);
      evaluations.push(res.body);
    }

    const failing: Record<string, string[]> = {};
    for (const evaluation of evaluations) {
      const failed = evaluation.results
        .filter(r => r.status === 'fail' || r.status === 'error')
        .map(r => r.checkId)
        .sort();
      if (failed.length) failing[evaluation.entityRef] = failed;
    }
    expect(failing).toEqual(
      Object.fromEntries(
        Object.entries(PLANTED_DEFECTS).map(([ref, checks]) => [
          ref,
          [...checks].sort(),
        ]),
      ),
    );

    // CODEOWNERS is read beside every catalog file: it passes, for each component from its
    // own folder, except for the planted disagreement, which names both owners.
    const codeowners = (entityRef: string) =>
      evaluations
        .find(e => e.entityRef === entityRef)!
        .results.find(r => r.checkId === 'ownership.codeowners-match')!;
    for (const { entityRef } of evaluations) {
      if (entityRef === 'component:default/catalog-indexer') continue;
      expect([entityRef, codeowners(entityRef).status]).toEqual([
        entityRef,
        'pass',
      ]);
    }
    for (const { metadata } of components) {
      expect(
        codeowners(`component:default/${metadata.name}`).message,
      ).toContain(
        `of ${resolve(EXAMPLES, 'components', metadata.name, 'CODEOWNERS')})`,
      );
    }
    expect(codeowners('component:default/catalog-indexer')).toMatchObject({
      status: 'fail',
      message: `CODEOWNERS rule '*' (line 6 of ${resolve(
        EXAMPLES,
        'components/catalog-indexer/CODEOWNERS',
      )}) names @acme/team-data, but the owner is group:default/team-search (expected @<org>/team-search)`,
      remediation: expect.stringContaining('@<org>/team-search'),
    });

    // Gold needs codeowners-match: the planted component drops to silver, the healthy
    // entities reach gold (TechDocs do not apply in this test).
    const levels: Record<string, string[]> = {};
    for (const { entityRef, level } of evaluations) {
      (levels[level ?? 'none'] ??= []).push(entityRef);
    }
    expect(levels.silver).toEqual(['component:default/catalog-indexer']);
    expect(levels.none).toEqual(['component:default/legacy-invoicing']);
    expect(levels.bronze?.sort()).toEqual([
      'component:default/alice-scratchpad',
      'component:default/ghost-reporter',
      'component:default/orphan-widget',
      'component:default/quantum-cache',
    ]);
    expect(levels.gold).toHaveLength(
      evaluated.length - Object.keys(PLANTED_DEFECTS).length,
    );

    // What the Compliance page shows: every entity but the planted ones is compliant, and
    // they are the worst offenders.
    const rollup = await request(backend.server)
      .get('/api/compliance/rollup')
      .set('Authorization', auth);
    expect(rollup.body).toMatchObject({
      entityCount: evaluated.length,
      compliantCount: evaluated.length - Object.keys(PLANTED_DEFECTS).length,
    });
    expect(
      rollup.body.worstOffenders.map((o: { entityRef: string }) => o.entityRef),
    ).toEqual([
      // Most failing checks first, then by ref.
      'component:default/alice-scratchpad',
      'component:default/legacy-invoicing',
      'component:default/catalog-indexer',
      'component:default/ghost-reporter',
      'component:default/orphan-widget',
      'component:default/quantum-cache',
    ]);
    await backend.stop();
  });
});
