import { mockServices } from '@backstage/backend-test-utils';
import { mkdtemp, realpath, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCheckServices } from './createCheckServices';

describe('createCheckServices', () => {
  const fetchMock = jest.fn();
  const realFetch = global.fetch;
  beforeEach(() => {
    fetchMock.mockReset();
    global.fetch = fetchMock as unknown as typeof fetch;
  });
  afterAll(() => {
    global.fetch = realFetch;
  });

  it('asks TechDocs for the metadata of each entity, signing one token for many', async () => {
    const auth = mockServices.auth.mock();
    auth.getOwnServiceCredentials.mockResolvedValue({} as any);
    auth.getPluginRequestToken.mockResolvedValue({ token: 't' });
    fetchMock.mockImplementation(async (url: string) => ({
      ok: url.includes('/default/component/a/'),
    }));
    const services = createCheckServices({
      urlReader: mockServices.urlReader.mock(),
      discovery: mockServices.discovery(),
      auth,
    });

    await expect(
      services.isTechDocsPublished('component:default/a'),
    ).resolves.toBe(true);
    await expect(
      services.isTechDocsPublished('component:default/b'),
    ).resolves.toBe(false);

    expect(fetchMock.mock.calls[0][0]).toMatch(
      /\/static\/docs\/default\/component\/a\/techdocs_metadata\.json$/,
    );
    expect(fetchMock.mock.calls[1][1]).toEqual({
      headers: { Authorization: 'Bearer t' },
    });
    expect(auth.getPluginRequestToken).toHaveBeenCalledTimes(1);
  });

  it('reads files beside a file location from disk, never outside its folder', async () => {
    const folder = await realpath(
      await mkdtemp(join(tmpdir(), 'runway-check-services-')),
    );
    try {
      await writeFile(join(folder, 'CODEOWNERS'), '* @acme/a\n');
      await symlink('/etc/passwd', join(folder, 'passwd'));
      const services = createCheckServices({
        urlReader: mockServices.urlReader.mock(),
        discovery: mockServices.discovery(),
        auth: mockServices.auth.mock(),
      });
      const location = `file:${join(folder, 'catalog-info.yaml')}`;
      await expect(
        services.readFileBesideLocation(location, 'CODEOWNERS'),
      ).resolves.toBe('* @acme/a\n');
      await expect(
        services.readFileBesideLocation(location, 'passwd'),
      ).rejects.toMatchObject({ name: 'NotAllowedError' });
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });
});
