import { ComplianceClient } from './ComplianceClient';

describe('ComplianceClient campaigns', () => {
  const fetchMock = jest.fn();
  const client = new ComplianceClient({
    discoveryApi: { getBaseUrl: async () => 'http://backend/api/compliance' },
    fetchApi: { fetch: fetchMock },
  });
  const ok = (body: unknown) =>
    new Response(JSON.stringify(body), { status: 200 });

  beforeEach(() => fetchMock.mockReset());

  it('lists campaigns, optionally by status', async () => {
    fetchMock.mockImplementation(async () => ok({ items: [{ id: 'c-1' }] }));

    expect(await client.listCampaigns()).toEqual([{ id: 'c-1' }]);
    await client.listCampaigns({ status: 'active' });

    expect(fetchMock.mock.calls.map(c => c[0])).toEqual([
      'http://backend/api/compliance/campaigns',
      'http://backend/api/compliance/campaigns?status=active',
    ]);
  });

  it('creates, reads and ends a campaign, escaping its id', async () => {
    fetchMock.mockImplementation(async () => ok({}));
    const input = {
      title: 'Real owners',
      checkIds: ['ownership.owner-exists'],
      deadline: '2026-12-31T23:59:59.999Z',
    };

    await client.createCampaign(input);
    await client.getCampaign('a/b');
    await client.endCampaign('a/b');

    expect(fetchMock).toHaveBeenNthCalledWith(
      1,
      'http://backend/api/compliance/campaigns',
      expect.objectContaining({ method: 'POST', body: JSON.stringify(input) }),
    );
    expect(fetchMock).toHaveBeenNthCalledWith(
      2,
      'http://backend/api/compliance/campaigns/a%2Fb',
      expect.objectContaining({ method: 'GET' }),
    );
    expect(fetchMock).toHaveBeenNthCalledWith(
      3,
      'http://backend/api/compliance/campaigns/a%2Fb/end',
      expect.objectContaining({ method: 'POST', body: '{}' }),
    );
  });
});
