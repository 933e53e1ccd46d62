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

describe('readCodeowners', () => {
  it('returns the first CODEOWNERS found, without reading the catalog file', async () => {
    const readUrl = reader({ [`${SOURCE}docs/CODEOWNERS`]: '* @acme/a' });
    await expect(
      readCodeowners(SOURCE, readUrl, CATALOG_FILE),
    ).resolves.toEqual({
      found: true,
      url: `${SOURCE}docs/CODEOWNERS`,
      content: '* @acme/a',
    });
    expect(readUrl).toHaveBeenCalledTimes(3);
  });

  it('reports no CODEOWNERS when the catalog file shows the repository is readable', async () => {
    const readUrl = reader({ [CATALOG_FILE]: 'kind: Component' });
    await expect(
      readCodeowners(SOURCE, readUrl, CATALOG_FILE),
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
    const result = readCodeowners(SOURCE, reader({}), CATALOG_FILE);
    await expect(result).rejects.toThrow(CodeownersReadError);
    await expect(result).rejects.toThrow(
      `Could not read ${SOURCE}: not even the catalog file ${CATALOG_FILE} was found`,
    );
  });

  it('throws naming the catalog file when reading it fails', async () => {
    await expect(
      readCodeowners(
        SOURCE,
        reader({ [CATALOG_FILE]: new Error('500 Internal Server Error') }),
        CATALOG_FILE,
      ),
    ).rejects.toThrow(
      `Could not read ${CATALOG_FILE}: 500 Internal Server Error`,
    );
  });

  it('cannot tell without a catalog file, so reports no CODEOWNERS', async () => {
    const readUrl = reader({});
    await expect(readCodeowners(SOURCE, readUrl)).resolves.toMatchObject({
      found: false,
    });
    expect(readUrl).toHaveBeenCalledTimes(3);
  });
});
