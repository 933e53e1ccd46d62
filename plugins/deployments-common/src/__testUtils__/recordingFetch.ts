import { DeploymentsClient } from '../DeploymentsClient';

/** What the client sent to fetch. */
export type SentRequest = {
  url: string;
  method: string;
  authorization: string | null;
  body: string;
};

/**
 * A client whose fetch answers with `respond` and records every request, for tests.
 *
 * @internal
 */
export function recordingClient(respond: () => Response = () => json({})) {
  const sent: SentRequest[] = [];
  const fetchMock = jest.fn(async (url: string, init?: RequestInit) => {
    const headers = new Headers(init?.headers);
    sent.push({
      url,
      method: init?.method ?? 'GET',
      authorization: headers.get('Authorization'),
      body: typeof init?.body === 'string' ? init.body : '',
    });
    return respond();
  });
  const client = new DeploymentsClient({
    discoveryApi: { getBaseUrl: async () => 'http://backend/api/deployments' },
    fetchApi: { fetch: fetchMock },
  });
  return { client, sent, fetchMock };
}

/** A JSON response with the given body. @internal */
export function json(body: unknown, status = 200) {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json' },
  });
}
