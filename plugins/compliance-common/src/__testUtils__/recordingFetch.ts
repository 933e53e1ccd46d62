import { ComplianceClient } from '../ComplianceClient';

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
export function recordingClient(
  respond: () => Response = () =>
    new Response(JSON.stringify({}), {
      status: 200,
      headers: { 'Content-Type': 'application/json' },
    }),
) {
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
  const client = new ComplianceClient({
    discoveryApi: { getBaseUrl: async () => 'http://backend/api/compliance' },
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
