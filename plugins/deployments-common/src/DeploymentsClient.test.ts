import { json, recordingClient } from './__testUtils__/recordingFetch';

const sha = 'a'.repeat(40);

describe('DeploymentsClient', () => {
  it('posts a version with a service token', async () => {
    const { client, sent } = recordingClient(() =>
      json({ created: true, version: {} }, 201),
    );
    const input = {
      entityRef: 'component:default/shop',
      version: '1.2.3',
      commitSha: sha,
      commitTime: '2026-12-01T10:00:00Z',
      author: 'alice@example.com',
    };

    await expect(
      client.registerVersion(input, { token: 't0ken' }),
    ).resolves.toEqual({ created: true, version: {} });

    expect(sent).toEqual([
      {
        url: 'http://backend/api/deployments/versions',
        method: 'POST',
        authorization: 'Bearer t0ken',
        body: JSON.stringify(input),
      },
    ]);
  });

  it('wraps imported deployments in the body the route takes', async () => {
    const { client, sent } = recordingClient(() =>
      json({ imported: 0, unchanged: 0, message: '' }),
    );
    await client.importHistory([]);
    expect(sent[0]).toMatchObject({
      url: 'http://backend/api/deployments/history/import',
      method: 'POST',
      body: '{"deployments":[]}',
    });
  });

  it('leaves empty filters out of the query and escapes the others', async () => {
    const { client, sent } = recordingClient(() => json({ items: [] }));
    await client.listRuns({
      entityRef: 'component:default/shop',
      stage: '',
      limit: 10,
    });
    expect(sent[0].url).toBe(
      'http://backend/api/deployments/runs?entityRef=component%3Adefault%2Fshop&limit=10',
    );
  });

  it('asks for JSON or CSV exports of the audit trail', async () => {
    const { client, sent } = recordingClient(() => json({ items: [] }));
    await expect(
      client.exportAudit({ entityRef: 'component:default/shop' }),
    ).resolves.toEqual([]);
    expect(sent[0].url).toBe(
      'http://backend/api/deployments/audit?entityRef=component%3Adefault%2Fshop&format=json',
    );

    const csv = recordingClient(
      () =>
        new Response('seq,type\n1,version.registered\n', {
          headers: { 'Content-Type': 'text/csv' },
        }),
    );
    await expect(csv.client.exportAuditCsv()).resolves.toBe(
      'seq,type\n1,version.registered\n',
    );
    expect(csv.sent[0].url).toBe(
      'http://backend/api/deployments/audit?format=csv',
    );
  });

  it('addresses a run by id, escaped', async () => {
    const { client, sent } = recordingClient(() => json({}));
    await client.getRun('a/b');
    expect(sent[0].url).toBe('http://backend/api/deployments/runs/a%2Fb');
  });

  it('turns an error response into a ResponseError carrying the server error', async () => {
    const { client } = recordingClient(() =>
      json(
        {
          error: {
            name: 'ConflictError',
            message: 'version 1.2.3 was registered with commit bbbb',
          },
          response: { statusCode: 409 },
        },
        409,
      ),
    );

    await expect(
      client.registerVersion({
        entityRef: 'component:default/shop',
        version: '1.2.3',
        commitSha: sha,
        commitTime: '2026-12-01T10:00:00Z',
        author: 'alice',
      }),
    ).rejects.toMatchObject({
      name: 'ResponseError',
      statusCode: 409,
      cause: { name: 'ConflictError' },
    });
  });
});
