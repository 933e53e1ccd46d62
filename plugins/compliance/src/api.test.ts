import { ComplianceClient } from '@runway/plugin-compliance-common';
import { complianceApiFactory } from './api';
import { serverMessage } from './lib/errors';
import { responseError } from './testing/fixtures';

describe('complianceApiFactory', () => {
  it('talks to the compliance backend through discovery and the fetch API', async () => {
    const fetch = jest.fn(
      async (_request: Request) =>
        new Response(JSON.stringify({ items: [] }), {
          headers: { 'Content-Type': 'application/json' },
        }),
    );
    const discoveryApi = {
      getBaseUrl: jest.fn(async () => 'http://backend/api/compliance'),
    };
    const api = complianceApiFactory.factory({
      discoveryApi,
      fetchApi: { fetch: fetch as typeof globalThis.fetch },
    });

    expect(api).toBeInstanceOf(ComplianceClient);
    await api.listChecks();
    expect(discoveryApi.getBaseUrl).toHaveBeenCalledWith('compliance');
    const [request] = fetch.mock.calls[0];
    expect([request.method, request.url]).toEqual([
      'GET',
      'http://backend/api/compliance/checks',
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
