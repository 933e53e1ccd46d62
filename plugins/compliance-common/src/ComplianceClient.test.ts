import { json, recordingClient } from './__testUtils__/recordingFetch';

describe('ComplianceClient', () => {
  it('addresses an entity by kind, namespace and name, escaping each part', async () => {
    const { client, sent } = recordingClient();

    await client.getEntity('Component:default/a b');

    expect(sent).toEqual([
      expect.objectContaining({
        url: 'http://backend/api/compliance/entities/component/default/a%20b',
        method: 'GET',
      }),
    ]);
  });

  it('refuses an entity ref that does not parse, before sending anything', async () => {
    const { client, sent } = recordingClient();

    await expect(client.getEntity('a:b:c')).rejects.toThrow(
      "Invalid entity ref 'a:b:c'",
    );
    expect(sent).toEqual([]);
  });

  it('sends a service token when given one', async () => {
    const { client, sent } = recordingClient();

    await client.getGate(
      { entityRef: 'component:default/x', environment: 'production' },
      { token: 't0ken' },
    );

    expect(sent).toEqual([
      {
        url: 'http://backend/api/compliance/gate?entityRef=component%3Adefault%2Fx&environment=production',
        method: 'GET',
        authorization: 'Bearer t0ken',
        body: '',
      },
    ]);
  });

  it('posts a draft entity to be evaluated without storing it', async () => {
    const { client, sent } = recordingClient();
    const entity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name: 'new-service' },
      spec: { owner: 'team-a' },
    };

    await client.dryRunEntity(entity);

    expect(sent).toEqual([
      expect.objectContaining({
        url: 'http://backend/api/compliance/entities/dry-run',
        method: 'POST',
        body: JSON.stringify({ entity }),
      }),
    ]);
  });

  it('turns an error response into a ResponseError carrying the server error', async () => {
    const { client } = recordingClient(() =>
      json(
        {
          error: { name: 'InputError', message: 'reason is required' },
          response: { statusCode: 400 },
        },
        400,
      ),
    );

    await expect(
      client.requestExemption({
        entityRef: 'component:default/x',
        checkId: 'c',
        reason: '',
        expiresAt: '2030-01-01T00:00:00Z',
      }),
    ).rejects.toMatchObject({
      name: 'ResponseError',
      statusCode: 400,
      cause: { name: 'InputError', message: 'reason is required' },
    });
  });

  it('resolves a push of an external result, which has no body in return', async () => {
    const { client, sent } = recordingClient(
      () => new Response(null, { status: 204 }),
    );

    await expect(
      client.pushResult({
        entityRef: 'component:default/x',
        checkId: 'ci.dependency-scan',
        status: 'pass',
        message: 'No known vulnerabilities',
      }),
    ).resolves.toBeUndefined();
    expect(sent[0]).toMatchObject({
      url: 'http://backend/api/compliance/results',
      method: 'POST',
    });
  });
});
