// ownership.codeowners-match end to end: the compliance backend reads CODEOWNERS through
// Backstage's real UrlReader (GithubUrlReader of @backstage/backend-defaults, which the test
// backend installs by default) from a fake GitHub Enterprise on loopback that answers the
// contents API the way GitHub does.
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { compliancePlugin } from '../../plugin';
import {
  group,
  notificationServiceFactory,
  user,
} from '../../testing/testBackend';

jest.setTimeout(60_000);

const TOKEN = 'ghe-token-for-tests';
const CHECK_ID = 'ownership.codeowners-match';

/** owner/repo → ref → path → content. */
type Repositories = Record<string, Record<string, Record<string, string>>>;

type ReceivedRequest = {
  path: string;
  authorization?: string;
  accept?: string;
  status: number;
};

/**
 * A GitHub Enterprise Server on loopback that speaks just the part of the REST API that
 * GithubUrlReader.readUrl uses: `GET {apiBaseUrl}/repos/{owner}/{repo}/contents/{path}?ref=`
 * with `Accept: application/vnd.github.v3.raw`, answered with the raw file; and GitHub's
 * JSON errors for a bad token (401), an exhausted rate limit (403 with
 * `x-ratelimit-remaining: 0`) and anything missing (404).
 */
async function startFakeGitHub(options: {
  repositories: Repositories;
  rateLimited?: string[];
}) {
  const received: ReceivedRequest[] = [];

  function answer(req: IncomingMessage): {
    status: number;
    headers?: Record<string, string>;
    body: string;
  } {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const notFound = {
      status: 404,
      body: JSON.stringify({
        message: 'Not Found',
        documentation_url:
          'https://docs.github.com/enterprise-server@3.14/rest/repos/contents#get-repository-content',
        status: '404',
      }),
    };
    if (req.headers.authorization !== `Bearer ${TOKEN}`) {
      return {
        status: 401,
        body: JSON.stringify({
          message: 'Bad credentials',
          documentation_url:
            'https://docs.github.com/enterprise-server@3.14/rest',
          status: '401',
        }),
      };
    }
    const match = url.pathname.match(
      /^\/api\/v3\/repos\/([^/]+)\/([^/]+)\/contents\/(.+)$/,
    );
    if (req.method !== 'GET' || !match) {
      return notFound;
    }
    const [, owner, repo, path] = match;
    const fullName = `${owner}/${repo}`;
    if (options.rateLimited?.includes(fullName)) {
      return {
        status: 403,
        headers: {
          'x-ratelimit-limit': '5000',
          'x-ratelimit-remaining': '0',
          'x-ratelimit-reset': String(Math.ceil(Date.now() / 1000) + 600),
        },
        body: JSON.stringify({
          message: `API rate limit exceeded for user ID 1.`,
          documentation_url:
            'https://docs.github.com/enterprise-server@3.14/rest/overview/rate-limits-for-the-rest-api',
          status: '403',
        }),
      };
    }
    const branches = options.repositories[fullName];
    if (!branches) {
      return notFound;
    }
    const ref = url.searchParams.get('ref') ?? 'main';
    const files = branches[ref];
    if (!files) {
      return {
        status: 404,
        body: JSON.stringify({
          message: `No commit found for the ref ${ref}`,
          documentation_url:
            'https://docs.github.com/enterprise-server@3.14/rest/repos/contents',
          status: '404',
        }),
      };
    }
    const content = files[decodeURIComponent(path)];
    if (content === undefined) {
      return notFound;
    }
    if (req.headers.accept !== 'application/vnd.github.v3.raw') {
      // Without the raw media type GitHub answers with JSON; the reader never asks for it.
      return {
        status: 200,
        headers: { 'content-type': 'application/json; charset=utf-8' },
        body: JSON.stringify({
          type: 'file',
          encoding: 'base64',
          path,
          content: Buffer.from(content).toString('base64'),
        }),
      };
    }
    return {
      status: 200,
      headers: {
        'content-type': 'application/vnd.github.v3.raw; charset=utf-8',
        etag: `"${Buffer.from(`${fullName}@${ref}:${path}`).toString('hex')}"`,
        'last-modified': 'Mon, 03 Mar 2025 10:00:00 GMT',
      },
      body: content,
    };
  }

  const server: Server = createServer((req, res) => {
    const { status, headers, body } = answer(req);
    received.push({
      path: req.url ?? '',
      authorization: req.headers.authorization,
      accept: req.headers.accept,
      status,
    });
    res.writeHead(status, {
      'content-type': 'application/json; charset=utf-8',
      ...headers,
    });
    res.end(body);
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    host: `127.0.0.1:${port}`,
    received,
    close: () => new Promise<void>(resolve => server.close(() => resolve())),
  };
}

const component = (
  name: string,
  owner: string,
  annotations: Record<string, string>,
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default', annotations },
  spec: { type: 'service', lifecycle: 'production', owner },
});

describe('ownership.codeowners-match against GitHub Enterprise', () => {
  let github: Awaited<ReturnType<typeof startFakeGitHub>>;
  let server: Awaited<ReturnType<typeof startTestBackend>>['server'];
  let web: string;

  beforeAll(async () => {
    github = await startFakeGitHub({
      repositories: {
        'acme/payments': {
          main: {
            'catalog-info.yaml': 'kind: Component',
            '.github/CODEOWNERS':
              '# Payments\n* @acme/team-payments\n/docs/ @acme/writers\n',
          },
        },
        'acme/billing': {
          main: {
            '.github/CODEOWNERS': '* @acme/team-payments @jane\n',
          },
        },
        'acme/mono': {
          main: {
            'docs/CODEOWNERS': [
              '* @acme/platform',
              '/services/ledger/ @acme/team-payments',
            ].join('\n'),
          },
        },
        'acme/orphan': { main: { 'catalog-info.yaml': 'kind: Component' } },
        // acme/secret is private and the token cannot see it: GitHub answers 404.
      },
      rateLimited: ['acme/throttled'],
    });
    web = `http://${github.host}`;

    const source = (repo: string) => ({
      'backstage.io/source-location': `url:${web}/${repo}/tree/main/`,
      'backstage.io/managed-by-location': `url:${web}/${repo}/blob/main/catalog-info.yaml`,
    });
    const entities: Entity[] = [
      group('team-payments'),
      group('team-billing'),
      user('jane', 'team-billing'),
      component('payments', 'team-payments', source('acme/payments')),
      component('billing', 'team-billing', source('acme/billing')),
      component('orphan', 'team-payments', source('acme/orphan')),
      component('throttled', 'team-payments', source('acme/throttled')),
      component('secret', 'team-payments', source('acme/secret')),
      // A monorepo, annotated as the catalog does: the source location is the catalog
      // file's directory, while CODEOWNERS lives at the root.
      component('ledger', 'team-payments', {
        'backstage.io/source-location': `url:${web}/acme/mono/tree/main/services/ledger/`,
        'backstage.io/managed-by-location': `url:${web}/acme/mono/blob/main/services/ledger/catalog-info.yaml`,
      }),
      component('unconfigured', 'team-payments', {
        'backstage.io/source-location':
          'url:http://git.unconfigured.example/acme/x/tree/main/',
      }),
    ];

    const backend = await startTestBackend({
      features: [
        compliancePlugin,
        catalogServiceMock.factory({ entities }),
        notificationServiceFactory(),
        mockServices.rootConfig.factory({
          data: {
            integrations: {
              github: [
                {
                  host: github.host,
                  apiBaseUrl: `${web}/api/v3`,
                  rawBaseUrl: `${web}/raw`,
                  token: TOKEN,
                },
              ],
            },
            compliance: { catalogIndexMaxAge: { milliseconds: 0 } },
          },
        }),
      ],
    });
    server = backend.server;
  });

  afterAll(async () => {
    await github?.close();
  });

  beforeEach(() => {
    github.received.length = 0;
  });

  async function evaluate(name: string) {
    const evaluated = await request(server)
      .post(`/api/compliance/entities/component/default/${name}/evaluate`)
      .set('Authorization', mockCredentials.user.header());
    expect(evaluated.status).toBe(200);
    const stored = await request(server)
      .get(`/api/compliance/entities/component/default/${name}`)
      .set('Authorization', mockCredentials.user.header());
    expect(stored.status).toBe(200);
    return stored.body.results.find((r: any) => r.checkId === CHECK_ID);
  }

  it('passes when .github/CODEOWNERS names the owning team, read with the token', async () => {
    await expect(evaluate('payments')).resolves.toMatchObject({
      status: 'pass',
      message: `CODEOWNERS rule '*' (line 2 of ${web}/acme/payments/tree/main/.github/CODEOWNERS) names @acme/team-payments, matching the owner group:default/team-payments`,
    });
    // GitHub's own lookup order: the root first (absent), then .github/.
    expect(github.received).toEqual([
      {
        path: '/api/v3/repos/acme/payments/contents/CODEOWNERS?ref=main',
        authorization: `Bearer ${TOKEN}`,
        accept: 'application/vnd.github.v3.raw',
        status: 404,
      },
      {
        path: '/api/v3/repos/acme/payments/contents/.github/CODEOWNERS?ref=main',
        authorization: `Bearer ${TOKEN}`,
        accept: 'application/vnd.github.v3.raw',
        status: 200,
      },
    ]);
  });

  it('fails when the rule names another team, naming the disagreeing owners', async () => {
    await expect(evaluate('billing')).resolves.toMatchObject({
      status: 'fail',
      message: `CODEOWNERS rule '*' (line 1 of ${web}/acme/billing/tree/main/.github/CODEOWNERS) names @acme/team-payments, @jane, but the owner is group:default/team-billing (expected @<org>/team-billing)`,
      remediation: expect.stringContaining('add @<org>/team-billing'),
    });
  });

  it('reads the root CODEOWNERS of a monorepo and applies the rule for the catalog file path', async () => {
    await expect(evaluate('ledger')).resolves.toMatchObject({
      status: 'pass',
      message: `CODEOWNERS rule '/services/ledger/' (line 2 of ${web}/acme/mono/tree/main/docs/CODEOWNERS) names @acme/team-payments, matching the owner group:default/team-payments`,
    });
    expect(github.received.map(r => [r.path, r.status])).toEqual([
      ['/api/v3/repos/acme/mono/contents/CODEOWNERS?ref=main', 404],
      ['/api/v3/repos/acme/mono/contents/.github/CODEOWNERS?ref=main', 404],
      ['/api/v3/repos/acme/mono/contents/docs/CODEOWNERS?ref=main', 200],
    ]);
  });

  it('fails, naming the three places, when GitHub has no CODEOWNERS in any of them', async () => {
    const base = `${web}/acme/orphan/tree/main`;
    await expect(evaluate('orphan')).resolves.toMatchObject({
      status: 'fail',
      message: `No CODEOWNERS file found at ${base}/CODEOWNERS, ${base}/.github/CODEOWNERS or ${base}/docs/CODEOWNERS`,
      remediation:
        "Add a CODEOWNERS file (e.g. .github/CODEOWNERS) with the line '* @<org>/team-payments'.",
    });
    // The catalog file is read last, to be sure that the repository itself is visible.
    expect(github.received.map(r => [r.path, r.status])).toEqual([
      ['/api/v3/repos/acme/orphan/contents/CODEOWNERS?ref=main', 404],
      ['/api/v3/repos/acme/orphan/contents/.github/CODEOWNERS?ref=main', 404],
      ['/api/v3/repos/acme/orphan/contents/docs/CODEOWNERS?ref=main', 404],
      ['/api/v3/repos/acme/orphan/contents/catalog-info.yaml?ref=main', 200],
    ]);
  });

  it('reports an error, not a missing CODEOWNERS, for a repository the token cannot see', async () => {
    await expect(evaluate('secret')).resolves.toMatchObject({
      status: 'error',
      message: `Could not read ${web}/acme/secret/tree/main/: not even the catalog file ${web}/acme/secret/blob/main/catalog-info.yaml was found, so the repository or revision is out of the integration's sight`,
      remediation: expect.stringContaining('can read the repository'),
    });
    expect(github.received.map(r => r.status)).toEqual([404, 404, 404, 404]);
  });

  it('reports an error, not a failure, when GitHub refuses to answer', async () => {
    await expect(evaluate('throttled')).resolves.toMatchObject({
      status: 'error',
      message: expect.stringMatching(
        /^Could not read .*\/acme\/throttled\/tree\/main\/CODEOWNERS: .*403 Forbidden \(rate limit exceeded\)$/,
      ),
    });
    expect(github.received).toHaveLength(1);
  });

  it('reports an error when no integration is configured for the host', async () => {
    await expect(evaluate('unconfigured')).resolves.toMatchObject({
      status: 'error',
      message: expect.stringContaining(
        "Reading from 'http://git.unconfigured.example/acme/x/tree/main/CODEOWNERS' is not allowed",
      ),
      remediation: expect.stringContaining('integration'),
    });
    expect(github.received).toEqual([]);
  });
});
