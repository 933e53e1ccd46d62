import { ComplianceClient } from './ComplianceClient';

describe('ComplianceClient reporting views', () => {
  const fetchMock = jest.fn();
  const client = new ComplianceClient({
    discoveryApi: { getBaseUrl: async () => 'http://backend/api/compliance' },
    fetchApi: { fetch: fetchMock },
  });
  const answer = (body: unknown) =>
    fetchMock.mockResolvedValue(
      new Response(JSON.stringify(body), { status: 200 }),
    );

  beforeEach(() => fetchMock.mockReset());

  it('sends the table filters and paging as query parameters, leaving out empty ones', async () => {
    answer({ items: [], totalItems: 0 });

    await client.listEntities({
      ownerRef: 'group:default/team-a',
      status: 'fail',
      checkId: 'ownership.owner-exists',
      q: '',
      offset: 50,
      limit: 25,
    });

    expect(fetchMock).toHaveBeenCalledWith(
      'http://backend/api/compliance/entities?ownerRef=group%3Adefault%2Fteam-a&status=fail&checkId=ownership.owner-exists&offset=50&limit=25',
      expect.objectContaining({ method: 'GET' }),
    );
  });

  it('returns the root groups of the org tree', async () => {
    const root = {
      groupRef: 'group:default/acme',
      title: 'ACME',
      percentCompliant: 50,
      entityCount: 2,
      compliantCount: 1,
      children: [],
    };
    answer({ items: [root] });

    await expect(client.getOrgTree()).resolves.toEqual([root]);
    expect(fetchMock).toHaveBeenCalledWith(
      'http://backend/api/compliance/org-tree',
      expect.anything(),
    );
  });

  it('asks for the trend of a group over some days', async () => {
    answer({ points: [] });

    await client.getTrend({ ownerRef: 'group:default/acme', days: 90 });

    expect(fetchMock).toHaveBeenCalledWith(
      'http://backend/api/compliance/trend?ownerRef=group%3Adefault%2Facme&days=90',
      expect.anything(),
    );
  });
});
