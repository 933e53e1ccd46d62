import {
  catalogFolderCodeowners,
  repositoryCodeowners,
} from './codeownersSources';
import { CodeownersReadError, readCodeowners } from './readCodeowners';

const SOURCE = 'https://github.com/acme/mono/tree/main/';
const CATALOG_FILE =
  'https://github.com/acme/mono/blob/main/services/ledger/catalog-info.yaml';

function reader(files: Record<string, string | Error>) {
  return jest.fn(async (url: string) => {
    const file = files[url];
    if (file instanceof Error) {
      throw file;
    }
    return file;
  });
}

const repository = (
  readUrl: (url: string) => Promise<string | undefined>,
  catalogFileUrl?: string,
) =>
  repositoryCodeowners(
    {
      url: SOURCE,
      catalogFilePath: 'services/ledger/catalog-info.yaml',
      catalogFileUrl,
    },
    readUrl,
  );

describe('readCodeowners from a repository', () => {
  it('returns the first CODEOWNERS found, without reading the catalog file', async () => {
    const readUrl = reader({ [`${SOURCE}docs/CODEOWNERS`]: '* @acme/a' });
    await expect(
      readCodeowners(repository(readUrl, CATALOG_FILE)),
    ).resolves.toEqual({
      found: true,
      name: `${SOURCE}docs/CODEOWNERS`,
      content: '* @acme/a',
    });
    expect(readUrl).toHaveBeenCalledTimes(3);
  });

  it('reports no CODEOWNERS when the catalog file shows the repository is readable', async () => {
    const readUrl = reader({ [CATALOG_FILE]: 'kind: Component' });
    await expect(
      readCodeowners(repository(readUrl, CATALOG_FILE)),
    ).resolves.toEqual({
      found: false,
      searched: [
        `${SOURCE}CODEOWNERS`,
        `${SOURCE}.github/CODEOWNERS`,
        `${SOURCE}docs/CODEOWNERS`,
      ],
    });
    expect(readUrl).toHaveBeenLastCalledWith(CATALOG_FILE);
  });

  it('throws when not even the catalog file is found: the repository is out of sight', async () => {
    const result = readCodeowners(repository(reader({}), CATALOG_FILE));
    await expect(result).rejects.toThrow(CodeownersReadError);
    await expect(result).rejects.toThrow(
      `Could not read ${SOURCE}: not even the catalog file ${CATALOG_FILE} was found, so the repository or revision is out of the integration's sight`,
    );
  });

  it('throws naming the catalog file when reading it fails', async () => {
    await expect(
      readCodeowners(
        repository(
          reader({ [CATALOG_FILE]: new Error('500 Internal Server Error') }),
          CATALOG_FILE,
        ),
      ),
    ).rejects.toThrow(
      `Could not read ${CATALOG_FILE}: 500 Internal Server Error`,
    );
  });

  it('cannot tell without a catalog file, so reports no CODEOWNERS', async () => {
    const readUrl = reader({});
    await expect(readCodeowners(repository(readUrl))).resolves.toMatchObject({
      found: false,
    });
    expect(readUrl).toHaveBeenCalledTimes(3);
  });
});

describe('readCodeowners from the folder of a catalog file', () => {
  const LOCATION = 'file:/srv/catalog/billing/catalog-info.yaml';
  const folder = (read: (location: string, path: string) => Promise<any>) =>
    catalogFolderCodeowners(
      {
        location: LOCATION,
        folder: '/srv/catalog/billing',
        catalogFilePath: 'catalog-info.yaml',
      },
      read,
    );

  it('reads each candidate beside the location, naming it by its path', async () => {
    const read = jest.fn(async (_location: string, path: string) =>
      path === '.github/CODEOWNERS' ? '* @acme/billing' : undefined,
    );
    await expect(readCodeowners(folder(read))).resolves.toEqual({
      found: true,
      name: '/srv/catalog/billing/.github/CODEOWNERS',
      content: '* @acme/billing',
    });
    expect(read.mock.calls).toEqual([
      [LOCATION, 'CODEOWNERS'],
      [LOCATION, '.github/CODEOWNERS'],
    ]);
  });

  it('reports no CODEOWNERS when the catalog file is there', async () => {
    const read = jest.fn(async (_location: string, path: string) =>
      path === 'catalog-info.yaml' ? 'kind: Component' : undefined,
    );
    await expect(readCodeowners(folder(read))).resolves.toEqual({
      found: false,
      searched: [
        '/srv/catalog/billing/CODEOWNERS',
        '/srv/catalog/billing/.github/CODEOWNERS',
        '/srv/catalog/billing/docs/CODEOWNERS',
      ],
    });
  });

  it('throws when the folder is out of sight, e.g. on another machine', async () => {
    await expect(readCodeowners(folder(async () => undefined))).rejects.toThrow(
      'Could not read /srv/catalog/billing: not even the catalog file /srv/catalog/billing/catalog-info.yaml was found, so the backend cannot see this folder',
    );
  });

  it('throws naming the file when reading it is refused', async () => {
    const read = async () => {
      throw new Error('it is a symbolic link to a file outside the folder');
    };
    await expect(readCodeowners(folder(read))).rejects.toThrow(
      'Could not read /srv/catalog/billing/CODEOWNERS: it is a symbolic link to a file outside the folder',
    );
  });
});
