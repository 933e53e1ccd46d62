import { ComplianceClient } from './ComplianceClient';

describe('ComplianceClient', () => {
  const fetchMock = jest.fn();
  const client = new ComplianceClient({
    discoveryApi: { getBaseUrl: async () => 'http://backend/api/compliance' },
    fetchApi: { fetch: fetchMock },
  });

  beforeEach(() => fetchMock.mockReset());

  it('addresses an entity by kind, namespace and name, escaping each part', async () => {
    fetchMock.mockResolvedValue(
      new Response(JSON.stringify({}), { status: 200 }),
    );

    await client.getEntity('Component:default/a b');

    expect(fetchMock).toHaveBeenCalledWith(
      'http://backend/api/compliance/entities/component/default/a%20b',
      expect.objectContaining({ method: 'GET' }),
    );
  });

  it('sends a service token when given one', async () => {
    fetchMock.mockResolvedValue(
      new Response(JSON.stringify({}), { status: 200 }),
    );

    await client.getGate(
      { entityRef: 'component:default/x', environment: 'production' },
      { token: 't0ken' },
    );

    expect(fetchMock).toHaveBeenCalledWith(
      'http://backend/api/compliance/gate?entityRef=component%3Adefault%2Fx&environment=production',
      expect.objectContaining({ headers: { Authorization: 'Bearer t0ken' } }),
    );
  });

  it('turns an error response into a ResponseError carrying the server error', async () => {
    fetchMock.mockResolvedValue(
      new Response(
        JSON.stringify({
          error: { name: 'InputError', message: 'reason is required' },
          response: { statusCode: 400 },
        }),
        { status: 400, headers: { 'Content-Type': 'application/json' } },
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
});
