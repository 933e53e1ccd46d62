import { createFetchApi, FetchMiddlewares } from '@backstage/core-app-api';
import { ComplianceClient } from '@runway/plugin-compliance-common';
import { complianceApiFactory } from './api';
import { serverMessage } from './lib/errors';
import { responseError } from './testing/fixtures';

/** What reached the network, after the app's fetch middlewares. */
function network() {
  const requests: Array<{
    url: string;
    method: string;
    auth: string | null;
    body: string;
  }> = [];
  const baseImplementation = jest.fn(
    async (input: RequestInfo | URL, init?: RequestInit) => {
      const request = new Request(input, init);
      requests.push({
        url: request.url,
        method: request.method,
        auth: request.headers.get('Authorization'),
        body: await request.text(),
      });
      return new Response(JSON.stringify({ items: [] }), {
        status: request.method === 'POST' ? 201 : 200,
        headers: { 'Content-Type': 'application/json' },
      });
    },
  ) as unknown as typeof fetch;
  return { requests, baseImplementation };
}

describe('complianceApiFactory', () => {
  const discoveryApi = {
    getBaseUrl: jest.fn(async () => 'http://backend/api/compliance'),
  };

  it('talks to the compliance backend through discovery and the fetch API', async () => {
    const { requests, baseImplementation } = network();
    const api = complianceApiFactory.factory({
      discoveryApi,
      fetchApi: createFetchApi({ baseImplementation }),
    });

    expect(api).toBeInstanceOf(ComplianceClient);
    await api.listChecks();
    expect(discoveryApi.getBaseUrl).toHaveBeenCalledWith('compliance');
    expect(requests).toEqual([
      expect.objectContaining({
        method: 'GET',
        url: 'http://backend/api/compliance/checks',
      }),
    ]);
  });

  // Each middleware builds a Request from its input; a Request whose body was read once
  // cannot be read again, so a client that handed a Request on broke every POST in browsers.
  it('sends a write with its body through the app fetch middlewares, with the user token', async () => {
    const { requests, baseImplementation } = network();
    const fetchApi = createFetchApi({
      baseImplementation,
      middleware: [
        FetchMiddlewares.resolvePluginProtocol({ discoveryApi }),
        FetchMiddlewares.injectIdentityAuth({
          identityApi: {
            getCredentials: async () => ({ token: 'alice-token' }),
          } as any,
          urlPrefixAllowlist: ['http://backend'],
        }),
      ],
    });
    const api = complianceApiFactory.factory({ discoveryApi, fetchApi });
    const input = {
      entityRef: 'component:default/payments-api',
      checkId: 'ownership.owner-has-members',
      reason: 'Hiring two engineers this month',
      expiresAt: '2026-12-15T00:00:00Z',
    };

    await api.requestExemption(input);

    expect(requests).toEqual([
      {
        method: 'POST',
        url: 'http://backend/api/compliance/exemptions',
        auth: 'Bearer alice-token',
        body: JSON.stringify(input),
      },
    ]);
  });
});

describe('serverMessage', () => {
  it("takes the server's message out of a failed request", async () => {
    const error = await responseError(
      403,
      'NotAllowedError',
      'You cannot decide your own exemption request',
    );
    expect(error.message).toMatch(/Request failed with 403/);
    expect(serverMessage(error)).toBe(
      'You cannot decide your own exemption request',
    );
  });

  it('uses the message of any other error', () => {
    expect(serverMessage(new Error('Network down'))).toBe('Network down');
  });
});
