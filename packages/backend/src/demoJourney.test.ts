// A real-catalog journey: the catalog backend reads the demo organisation from files, the
// entity-changes module announces what changed, and compliance evaluates it from those events
// alone (the sweep is kept out of the way). Then two people move teams, as in an org chart
// change, and compliance re-evaluates what the change affects and tells the team that is now
// understaffed, once.
import { createServiceFactory } from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import {
  notificationService,
  type NotificationSendOptions,
} from '@backstage/plugin-notifications-node';
import entityChangesModule from '@runway/plugin-catalog-backend-module-entity-changes';
import compliancePlugin from '@runway/plugin-compliance-backend';
import {
  cpSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import request from 'supertest';
import { demoCatalogConfig } from './testing/demoCatalogConfig';

jest.setTimeout(240_000);

const EXAMPLES = resolve(__dirname, '../../../examples');
const alice = mockCredentials.user.header('user:default/alice');

type Result = { checkId: string; status: string; message: string };

describe('the demo organisation, evaluated from catalog events', () => {
  let examples: string;
  let backend: Awaited<ReturnType<typeof startTestBackend>>;
  const sent: NotificationSendOptions[] = [];

  beforeAll(async () => {
    // A copy, because the journey edits the organisation.
    examples = mkdtempSync(join(tmpdir(), 'runway-demo-journey-'));
    cpSync(EXAMPLES, examples, { recursive: true });
    // Every plugin shares one events service, as in a real backend.
    const events = mockServices.events();
    backend = await startTestBackend({
      features: [
        catalogPlugin,
        entityChangesModule,
        compliancePlugin,
        createServiceFactory({
          service: eventsServiceRef,
          deps: {},
          factory: () => events,
        }),
        createServiceFactory({
          service: notificationService,
          deps: {},
          factory: () => ({ send: async n => void sent.push(n) }),
        }),
        mockServices.rootConfig.factory({
          data: {
            catalog: demoCatalogConfig([join(examples, 'all.yaml')]),
            compliance: {
              checks: [
                {
                  id: 'ownership.owner-has-members',
                  options: { minMembers: 2 },
                },
                // No TechDocs backend runs here.
                {
                  id: 'docs.techdocs-present',
                  options: { kinds: ['TechDocsNotInThisTest'] },
                },
              ],
              catalogIndexMaxAge: { milliseconds: 0 },
              evaluateOnChange: { delay: { seconds: 1 } },
              // Only events evaluate here: the sweep would come far too late.
              schedule: {
                frequency: { hours: 24 },
                timeout: { minutes: 5 },
                initialDelay: { hours: 12 },
              },
            },
          },
        }),
      ],
    });
  });

  afterAll(async () => {
    await backend.stop();
    rmSync(examples, { recursive: true, force: true });
  });

  async function compliance(name: string): Promise<Record<string, Result>> {
    const res = await request(backend.server)
      .get(`/api/compliance/entities/component/default/${name}`)
      .set('Authorization', alice);
    if (res.status !== 200) return {};
    return Object.fromEntries(
      (res.body.results as Result[]).map(r => [r.checkId, r]),
    );
  }

  /** Polls until `condition` holds, for up to two minutes. */
  async function eventually(
    condition: () => Promise<boolean>,
    what: () => string,
  ) {
    for (let attempt = 0; attempt < 240; attempt++) {
      if (await condition()) return;
      await new Promise(r => setTimeout(r, 500));
    }
    throw new Error(`Timed out waiting until ${what()}`);
  }

  it('evaluates the demo from catalog events, each planted defect with its message', async () => {
    // 30 components, 10 APIs, 10 resources and 8 systems.
    let evaluated = 0;
    await eventually(
      async () => {
        const rollup = await request(backend.server)
          .get('/api/compliance/rollup')
          .set('Authorization', alice);
        evaluated = rollup.body.entityCount;
        return evaluated === 58;
      },
      () => `the demo organisation is evaluated (${evaluated} of 58 so far)`,
    );

    expect(
      (await compliance('legacy-invoicing'))['ownership.owner-exists'],
    ).toMatchObject({
      status: 'fail',
      message: 'Owner group:default/team-billing does not exist in the catalog',
    });
    expect(
      (await compliance('ghost-reporter'))['ownership.owner-has-members'],
    ).toMatchObject({
      status: 'fail',
      message: expect.stringMatching(
        /^Owner group:default\/team-ghost has 0 members?, fewer than the minimum of 2/,
      ),
    });
    expect(
      (await compliance('alice-scratchpad'))['ownership.owner-is-group'],
    ).toMatchObject({
      status: 'fail',
      message: expect.stringContaining('user:default/alice'),
    });
    expect(
      (await compliance('quantum-cache'))['metadata.lifecycle-valid'],
    ).toMatchObject({
      status: 'fail',
      message: expect.stringContaining('beta-ish'),
    });
    expect(
      (await compliance('orphan-widget'))['ownership.system-assigned'],
    ).toMatchObject({ status: 'fail' });
    expect(
      (await compliance('checkout-api'))['ownership.owner-has-members'],
    ).toMatchObject({ status: 'pass' });
  });

  it('re-evaluates a membership change and tells the understaffed team once', async () => {
    sent.length = 0;
    // Farah and Gustavo move from team-checkout (elena, farah, gustavo) to the empty
    // team-ghost: ghost-reporter is staffed now, and checkout is down to one person.
    const org = join(examples, 'org.yaml');
    writeFileSync(
      org,
      readFileSync(org, 'utf8').replace(
        /(name: (farah|gustavo)\n(?:.*\n)*?\s+memberOf: )\[team-checkout\]/g,
        '$1[team-ghost]',
      ),
    );
    expect(readFileSync(org, 'utf8').match(/\[team-ghost\]/g)).toHaveLength(2);

    await eventually(
      async () =>
        (
          await compliance('checkout-api')
        )['ownership.owner-has-members']?.status === 'fail' &&
        (
          await compliance('ghost-reporter')
        )['ownership.owner-has-members']?.status === 'pass',
      () => 'the membership change is evaluated',
    );
    expect(
      (await compliance('checkout-api'))['ownership.owner-has-members'].message,
    ).toMatch(
      /^Owner group:default\/team-checkout has 1 member, fewer than the minimum of 2/,
    );

    // Later batches of the same change must not notify again.
    await new Promise(r => setTimeout(r, 5000));
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({
      recipients: { type: 'entity', entityRef: 'group:default/team-checkout' },
      payload: {
        title: expect.stringMatching(
          /^\d+ of your entities now fail "Owning team is staffed"$/,
        ),
      },
    });
    expect(sent[0].payload.description).toContain('checkout-api');
  });
});
