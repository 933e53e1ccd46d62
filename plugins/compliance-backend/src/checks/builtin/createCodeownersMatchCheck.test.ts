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

  it('is not applicable without a url or file location', async () => {
    const context = withFiles({});
    const withoutLocation: Record<string, string>[] = [
      {},
      // Written by the entity's author: it could name any folder on the backend's disk.
      { 'backstage.io/source-location': 'file:/etc/' },
      { 'backstage.io/managed-by-location': 'file:relative/catalog-info.yaml' },
    ];
    for (const annotations of withoutLocation) {
      await expect(
        outcomeOf(check, billing('team-billing', annotations), context),
      ).resolves.toMatchObject({ status: 'not-applicable' });
    }
    expect(context.readUrl).not.toHaveBeenCalled();
    expect(context.readFileBesideLocation).not.toHaveBeenCalled();
  });

  describe('for a catalog file read from disk', () => {
    const LOCATION = 'file:/srv/catalog/billing/catalog-info.yaml';
    const FOLDER = '/srv/catalog/billing/';
    const fromDisk = (owner = 'team-billing') =>
      billing(owner, { 'backstage.io/managed-by-location': LOCATION });
    const withDiskFiles = (diskFiles: Record<string, string | Error>) =>
      createTestContext({ entities, diskFiles });

    it('reads CODEOWNERS in the folder of the catalog file', async () => {
      const context = withDiskFiles({
        [`${FOLDER}CODEOWNERS`]: '* @acme/team-billing\n',
      });
      await expect(outcomeOf(check, fromDisk(), context)).resolves.toEqual({
        status: 'pass',
        message: `CODEOWNERS rule '*' (line 1 of ${FOLDER}CODEOWNERS) names @acme/team-billing, matching the owner group:default/team-billing`,
      });
      expect(context.readFileBesideLocation.mock.calls).toEqual([
        [LOCATION, 'CODEOWNERS'],
      ]);
      expect(context.readUrl).not.toHaveBeenCalled();
    });

    it('fails naming both owners when they disagree', async () => {
      const context = withDiskFiles({
        [`${FOLDER}.github/CODEOWNERS`]: '* @acme/team-payments',
      });
      await expect(outcomeOf(check, fromDisk(), context)).resolves.toEqual({
        status: 'fail',
        message: `CODEOWNERS rule '*' (line 1 of ${FOLDER}.github/CODEOWNERS) names @acme/team-payments, but the owner is group:default/team-billing (expected @<org>/team-billing)`,
        remediation: expect.stringContaining('add @<org>/team-billing'),
      });
    });

    it('matches rules against the catalog file name, relative to the folder', async () => {
      const context = withDiskFiles({
        [`${FOLDER}CODEOWNERS`]:
          '* @acme/team-billing\n/docs/ @acme/writers\n/catalog-info.yaml @acme/platform',
      });
      await expect(
        outcomeOf(check, fromDisk(), context),
      ).resolves.toMatchObject({
        status: 'fail',
        message: expect.stringContaining(
          "rule '/catalog-info.yaml' (line 3 of",
        ),
      });
    });

    it('fails naming the paths searched when there is none', async () => {
      const context = withDiskFiles({
        [`${FOLDER}catalog-info.yaml`]: 'kind: Component',
      });
      await expect(
        outcomeOf(check, fromDisk(), context),
      ).resolves.toMatchObject({
        status: 'fail',
        message: `No CODEOWNERS file found at ${FOLDER}CODEOWNERS, ${FOLDER}.github/CODEOWNERS or ${FOLDER}docs/CODEOWNERS`,
      });
    });

    it('reports an error when the folder is out of sight', async () => {
      await expect(
        outcomeOf(check, fromDisk(), withDiskFiles({})),
      ).resolves.toMatchObject({
        status: 'error',
        message: expect.stringContaining(
          'not even the catalog file /srv/catalog/billing/catalog-info.yaml was found',
        ),
      });
    });

    it('reports an error when a read is refused, e.g. a link out of the folder', async () => {
      const context = withDiskFiles({
        [`${FOLDER}CODEOWNERS`]: new Error(
          `CODEOWNERS leads outside ${FOLDER} (through .., an absolute path or a symbolic link), so it is not read`,
        ),
        [`${FOLDER}.github/CODEOWNERS`]: '* @acme/team-billing',
      });
      await expect(outcomeOf(check, fromDisk(), context)).resolves.toEqual({
        status: 'error',
        message: expect.stringMatching(
          /^Could not read \/srv\/catalog\/billing\/CODEOWNERS: CODEOWNERS leads outside/,
        ),
        remediation: expect.stringContaining('not a link to a file elsewhere'),
      });
    });

    it('prefers a url source location, the repository the author declared', async () => {
      const context = createTestContext({
        entities,
        files: { [`${SOURCE}CODEOWNERS`]: '* @acme/team-billing' },
      });
      const entity = billing('team-billing', {
        'backstage.io/managed-by-location': LOCATION,
        'backstage.io/source-location': `url:${SOURCE}`,
      });
      await expect(outcomeOf(check, entity, context)).resolves.toMatchObject({
        status: 'pass',
      });
      expect(context.readFileBesideLocation).not.toHaveBeenCalled();
    });
  });

  it('reads a repository once per catalog index, for all the entities in it', async () => {
    const context = withFiles({
      [`${SOURCE}CODEOWNERS`]: '* @acme/team-billing\n',
    });
    for (const name of ['billing', 'invoices', 'ledger']) {
      await expect(
        outcomeOf(
          check,
          component(
            name,
            { owner: 'team-billing' },
            {
              'backstage.io/source-location': `url:${SOURCE}`,
            },
          ),
          context,
        ),
      ).resolves.toMatchObject({ status: 'pass' });
    }
    expect(context.readUrl).toHaveBeenCalledTimes(1);
    // Once read, the answer comes at once, without a promise (a sweep has thousands).
    const later = check.evaluate(billing('team-billing'), context);
    expect(later).toMatchObject({ status: 'pass' });

    // A new index (the next sweep) reads it again: CODEOWNERS may have changed.
    const next = { ...context, catalog: withFiles({}).catalog };
    await outcomeOf(check, billing('team-billing'), next);
    expect(context.readUrl).toHaveBeenCalledTimes(2);
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
