import { json, recordingClient } from './__testUtils__/recordingFetch';

describe('ComplianceClient campaigns', () => {
  it('lists campaigns, optionally by status', async () => {
    const { client, sent } = recordingClient(() =>
      json({ items: [{ id: 'c-1' }] }),
    );

    expect(await client.listCampaigns()).toEqual([{ id: 'c-1' }]);
    await client.listCampaigns({ status: 'active' });

    expect(sent.map(s => s.url)).toEqual([
      'http://backend/api/compliance/campaigns',
      'http://backend/api/compliance/campaigns?status=active',
    ]);
  });

  it('creates, reads and ends a campaign, escaping its id', async () => {
    const { client, sent } = recordingClient();
    const input = {
      title: 'Real owners',
      checkIds: ['ownership.owner-exists'],
      deadline: '2026-12-31T23:59:59.999Z',
    };

    await client.createCampaign(input);
    await client.getCampaign('a/b');
    await client.endCampaign('a/b');

    expect(sent).toEqual([
      expect.objectContaining({
        url: 'http://backend/api/compliance/campaigns',
        method: 'POST',
        body: JSON.stringify(input),
      }),
      expect.objectContaining({
        url: 'http://backend/api/compliance/campaigns/a%2Fb',
        method: 'GET',
      }),
      expect.objectContaining({
        url: 'http://backend/api/compliance/campaigns/a%2Fb/end',
        method: 'POST',
        body: '{}',
      }),
    ]);
  });
});
