import { component, createTestContext, entity, outcomeOf } from '../testUtils';
import { createTechDocsPresentCheck } from './createTechDocsPresentCheck';

describe('docs.techdocs-present', () => {
  const check = createTechDocsPresentCheck();
  const documented = component(
    'billing',
    {},
    { 'backstage.io/techdocs-ref': 'dir:.' },
  );

  it('passes when the annotation is set and the docs are published', async () => {
    const context = createTestContext({
      publishedDocs: ['component:default/billing'],
    });
    await expect(outcomeOf(check, documented, context)).resolves.toEqual({
      status: 'pass',
      message: 'TechDocs are published (techdocs-ref dir:.)',
    });
  });

  it('fails when the annotation is missing', async () => {
    const context = createTestContext({
      publishedDocs: ['component:default/billing'],
    });
    await expect(
      outcomeOf(check, component('billing'), context),
    ).resolves.toEqual({
      status: 'fail',
      message: 'Has no backstage.io/techdocs-ref annotation',
      remediation: expect.stringContaining(
        "'backstage.io/techdocs-ref: dir:.'",
      ),
    });
  });

  it('fails differently when the docs are not published', async () => {
    await expect(
      outcomeOf(check, documented, createTestContext()),
    ).resolves.toEqual({
      status: 'fail',
      message: 'Has a techdocs-ref (dir:.) but no published docs',
      remediation: expect.stringContaining('publish'),
    });
  });

  it('reports an error when publication cannot be determined', async () => {
    const context = {
      ...createTestContext(),
      isTechDocsPublished: async () => {
        throw new Error('bucket unreachable');
      },
    };
    await expect(outcomeOf(check, documented, context)).resolves.toMatchObject({
      status: 'error',
      message:
        'Could not find out whether TechDocs of component:default/billing are published: bucket unreachable',
    });
  });

  it('applies to other kinds only when the kinds option names them', async () => {
    const context = createTestContext();
    const withApis = { ...context, options: { kinds: ['Component', 'API'] } };
    await expect(
      outcomeOf(check, entity('API', 'x'), withApis),
    ).resolves.toMatchObject({ status: 'fail' });
    for (const kind of ['API', 'System', 'Resource', 'Group']) {
      await expect(
        outcomeOf(check, entity(kind, 'x'), context),
      ).resolves.toMatchObject({ status: 'not-applicable' });
    }
  });
});
