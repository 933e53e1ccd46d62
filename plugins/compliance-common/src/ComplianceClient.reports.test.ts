import { json, recordingClient } from './__testUtils__/recordingFetch';

describe('ComplianceClient reporting views', () => {
  it('sends the table filters and paging as query parameters, leaving out empty ones', async () => {
    const { client, sent } = recordingClient(() =>
      json({ items: [], totalItems: 0 }),
    );

    await client.listEntities({
      ownerRef: 'group:default/team-a',
      status: 'fail',
      checkId: 'ownership.owner-exists',
      q: '',
      offset: 50,
      limit: 25,
    });

    expect(sent).toEqual([
      expect.objectContaining({
        url: 'http://backend/api/compliance/entities?ownerRef=group%3Adefault%2Fteam-a&status=fail&checkId=ownership.owner-exists&offset=50&limit=25',
        method: 'GET',
      }),
    ]);
  });

  it('nests the flat list of groups into the root groups of the org tree', async () => {
    const counts = { percentCompliant: 50, entityCount: 2, compliantCount: 1 };
    const { client, sent } = recordingClient(() =>
      json({
        items: [
          { groupRef: 'group:default/acme', title: 'ACME', ...counts },
          {
            groupRef: 'group:default/team-a',
            parentRef: 'group:default/acme',
            title: 'Team A',
            ...counts,
          },
        ],
      }),
    );

    await expect(client.getOrgTree()).resolves.toEqual([
      {
        groupRef: 'group:default/acme',
        title: 'ACME',
        ...counts,
        children: [
          {
            groupRef: 'group:default/team-a',
            title: 'Team A',
            ...counts,
            children: [],
          },
        ],
      },
    ]);
    expect(sent.map(s => s.url)).toEqual([
      'http://backend/api/compliance/org-tree',
    ]);
  });

  it('asks for the trend of a group over some days', async () => {
    const { client, sent } = recordingClient(() => json({ points: [] }));

    await client.getTrend({ ownerRef: 'group:default/acme', days: 90 });

    expect(sent.map(s => s.url)).toEqual([
      'http://backend/api/compliance/trend?ownerRef=group%3Adefault%2Facme&days=90',
    ]);
  });
});
