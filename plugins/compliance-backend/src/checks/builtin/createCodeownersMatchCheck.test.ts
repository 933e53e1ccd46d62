import {
  component,
  createTestContext,
  group,
  outcomeOf,
  user,
} from '../testUtils';
import { createCodeownersMatchCheck } from './createCodeownersMatchCheck';

const SOURCE = 'https://github.com/acme/billing/tree/main/';

function billing(
  owner: string | undefined,
  annotations: Record<string, string> = {
    'backstage.io/source-location': `url:${SOURCE}`,
  },
) {
  return component('billing', { owner }, annotations);
}

describe('ownership.codeowners-match', () => {
  const check = createCodeownersMatchCheck();
  const entities = [group('team-billing'), user('jane')];
  const withFiles = (files: Record<string, string | Error>) =>
    createTestContext({ entities, files });

  it('passes when the matching rule names the owning team', async () => {
    const context = withFiles({
      [`${SOURCE}CODEOWNERS`]: '* @acme/team-billing\n',
    });
    await expect(
      outcomeOf(check, billing('team-billing'), context),
    ).resolves.toEqual({
      status: 'pass',
      message: `CODEOWNERS rule '*' (line 1 of ${SOURCE}CODEOWNERS) names @acme/team-billing, matching the owner group:default/team-billing`,
    });
    expect(context.readUrl).toHaveBeenCalledTimes(1);
  });

  it('passes for a user owner named by @user', async () => {
    const context = withFiles({ [`${SOURCE}CODEOWNERS`]: '* @jane' });
    await expect(
      outcomeOf(check, billing('user:jane'), context),
    ).resolves.toMatchObject({ status: 'pass' });
  });

  it('fails when the names disagree, listing them and the expected owner', async () => {
    const context = withFiles({
      [`${SOURCE}CODEOWNERS`]:
        '# owners\n* @acme/team-payments @jane billing@acme.example\n',
    });
    await expect(
      outcomeOf(check, billing('team-billing'), context),
    ).resolves.toEqual({
      status: 'fail',
      message: `CODEOWNERS rule '*' (line 2 of ${SOURCE}CODEOWNERS) names @acme/team-payments, @jane, billing@acme.example, but the owner is group:default/team-billing (expected @<org>/team-billing)`,
      remediation: expect.stringContaining('add @<org>/team-billing'),
    });
  });

  it('uses the last matching rule', async () => {
    const agreeing = withFiles({
      [`${SOURCE}CODEOWNERS`]: [
        '* @acme/team-payments',
        '*.yaml @acme/team-billing',
        '/docs/ @acme/writers',
      ].join('\n'),
    });
    await expect(
      outcomeOf(check, billing('team-billing'), agreeing),
    ).resolves.toMatchObject({
      status: 'pass',
      message: expect.stringContaining("rule '*.yaml' (line 2"),
    });

    const overridden = withFiles({
      [`${SOURCE}CODEOWNERS`]: [
        '* @acme/team-billing',
        'catalog-info.yaml @acme/platform',
      ].join('\n'),
    });
    await expect(
      outcomeOf(check, billing('team-billing'), overridden),
    ).resolves.toMatchObject({
      status: 'fail',
      message: expect.stringContaining("rule 'catalog-info.yaml' (line 2 of"),
    });
  });

  it('fails when the matching rule assigns no owners', async () => {
    const context = withFiles({
      [`${SOURCE}CODEOWNERS`]: '* @acme/team-billing\ncatalog-info.yaml\n',
    });
    await expect(
      outcomeOf(check, billing('team-billing'), context),
    ).resolves.toMatchObject({
      status: 'fail',
      message: `CODEOWNERS rule 'catalog-info.yaml' (line 2 of ${SOURCE}CODEOWNERS) assigns no owners, but the owner is group:default/team-billing (expected @<org>/team-billing)`,
    });
  });

  it('fails when no rule matches the catalog file', async () => {
    const context = withFiles({
      [`${SOURCE}CODEOWNERS`]: '/docs/ @acme/team-billing',
    });
    await expect(
      outcomeOf(check, billing('team-billing'), context),
    ).resolves.toMatchObject({
      status: 'fail',
      message: `No rule in ${SOURCE}CODEOWNERS matches catalog-info.yaml; expected one naming the owner group:default/team-billing`,
    });
  });

  it('matches the catalog file path within the source location', async () => {
    const mono = 'https://github.com/acme/mono/tree/main/';
    const entity = billing('team-billing', {
      'backstage.io/source-location': `url:${mono}`,
      'backstage.io/managed-by-location':
        'url:https://github.com/acme/mono/blob/main/services/billing/catalog-info.yaml',
    });
    const context = withFiles({
      [`${mono}CODEOWNERS`]:
        '* @acme/platform\n/services/billing/ @acme/team-billing',
    });
    await expect(outcomeOf(check, entity, context)).resolves.toMatchObject({
      status: 'pass',
      message: expect.stringContaining("rule '/services/billing/'"),
    });
  });

  it('falls back to .github/CODEOWNERS, then docs/CODEOWNERS', async () => {
    const context = withFiles({
      [`${SOURCE}.github/CODEOWNERS`]: '* @acme/team-billing',
      [`${SOURCE}docs/CODEOWNERS`]: '* @acme/other',
    });
    await expect(
      outcomeOf(check, billing('team-billing'), context),
    ).resolves.toMatchObject({
      status: 'pass',
      message: expect.stringContaining(`${SOURCE}.github/CODEOWNERS`),
    });
    expect(context.readUrl.mock.calls).toEqual([
      [`${SOURCE}CODEOWNERS`],
      [`${SOURCE}.github/CODEOWNERS`],
    ]);

    const docsOnly = withFiles({
      [`${SOURCE}docs/CODEOWNERS`]: '* @acme/team-billing',
    });
    await expect(
      outcomeOf(check, billing('team-billing'), docsOnly),
    ).resolves.toMatchObject({ status: 'pass' });
  });

  it('fails when there is no CODEOWNERS file, naming where it looked', async () => {
    await expect(
      outcomeOf(check, billing('team-billing'), withFiles({})),
    ).resolves.toEqual({
      status: 'fail',
      message: `No CODEOWNERS file found at ${SOURCE}CODEOWNERS, ${SOURCE}.github/CODEOWNERS or ${SOURCE}docs/CODEOWNERS`,
      remediation:
        "Add a CODEOWNERS file (e.g. .github/CODEOWNERS) with the line '* @<org>/team-billing'.",
    });
  });

  it('derives the source location from a url managed-by-location', async () => {
    const context = withFiles({
      'https://github.com/acme/billing/blob/main/CODEOWNERS':
        '* @acme/team-billing',
    });
    const entity = billing('team-billing', {
      'backstage.io/managed-by-location':
        'url:https://github.com/acme/billing/blob/main/catalog-info.yaml',
    });
    await expect(outcomeOf(check, entity, context)).resolves.toMatchObject({
      status: 'pass',
    });
  });

  it('is not applicable without a url source location', async () => {
    const context = withFiles({});
    const withoutUrlSource: Record<string, string>[] = [
      {},
      { 'backstage.io/managed-by-location': 'file:/repo/catalog-info.yaml' },
    ];
    for (const annotations of withoutUrlSource) {
      await expect(
        outcomeOf(check, billing('team-billing', annotations), context),
      ).resolves.toMatchObject({ status: 'not-applicable' });
    }
    expect(context.readUrl).not.toHaveBeenCalled();
  });

  it('is not applicable without an owner or for unowned kinds', async () => {
    const context = withFiles({});
    await expect(
      outcomeOf(check, billing(undefined), context),
    ).resolves.toMatchObject({ status: 'not-applicable' });
    await expect(
      outcomeOf(check, group('team-billing'), context),
    ).resolves.toMatchObject({ status: 'not-applicable' });
  });

  it('reports an error when reading fails for another reason than not found', async () => {
    const context = withFiles({
      [`${SOURCE}CODEOWNERS`]: new Error('403 rate limited'),
      [`${SOURCE}.github/CODEOWNERS`]: '* @acme/team-billing',
    });
    await expect(
      outcomeOf(check, billing('team-billing'), context),
    ).resolves.toEqual({
      status: 'error',
      message: `Could not read ${SOURCE}CODEOWNERS: 403 rate limited`,
      remediation: expect.stringContaining('integration'),
    });
  });

  it('compares with the owner even when it is not in the catalog', async () => {
    const context = withFiles({ [`${SOURCE}CODEOWNERS`]: '* @acme/ghost' });
    await expect(
      outcomeOf(check, billing('ghost'), context),
    ).resolves.toMatchObject({ status: 'pass' });
  });
});
