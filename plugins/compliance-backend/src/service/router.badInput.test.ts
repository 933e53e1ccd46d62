import { TestDatabases } from '@backstage/backend-test-utils';
import type { Express } from 'express';
import request from 'supertest';
import { spec } from '../schema/openapi';
import { createTestRouter } from '../__testUtils__/createTestRouter';
import { component, group, system, user } from '../testing/testBackend';

jest.setTimeout(180_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

type Schema = {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, Schema>;
  items?: Schema;
};
type Parameter = { name: string; in: string; schema: Schema };
type Operation = {
  parameters?: Array<Parameter | { $ref: string }>;
  requestBody?: { content: { 'application/json': { schema: Schema } } };
};

const document = spec as unknown as {
  paths: Record<string, Record<string, Operation>>;
  components: {
    parameters: Record<string, Parameter>;
    schemas: Record<string, Schema>;
  };
};

function resolve<T>(value: T | { $ref: string }): T {
  const ref = (value as { $ref?: string }).$ref;
  if (!ref) return value as T;
  const [, , section, name] = ref.split('/');
  return (document.components as any)[section][name];
}

/** Strings no route should choke on: refs that do not parse, markup, traversal, control bytes. */
const HOSTILE_STRINGS = [
  '',
  ' ',
  'a:b:c',
  ':',
  '/',
  'kind:',
  ':/name',
  'component:default/',
  'a/b/c',
  '../../etc/passwd',
  '<script>alert(1)</script>',
  // eslint-disable-next-line no-script-url
  'javascript:alert(1)',
  "' OR 1=1 --",
  '%00',
  '\u0000',
  '\u202e',
  'x'.repeat(5000),
  '{"$gt": ""}',
  '__proto__',
  'constructor',
];

/** Values of the wrong JSON type for any field. */
const WRONG_VALUES: unknown[] = [
  null,
  0,
  -1,
  1e309,
  true,
  [],
  ['a'],
  {},
  { $ref: '#/x' },
  ...HOSTILE_STRINGS,
];

/** A path with its parameters filled in: each in turn hostile, the others plausible. */
function pathsFor(template: string, params: Parameter[]): string[] {
  const names = params.filter(p => p.in === 'path').map(p => p.name);
  const plausible = (name: string) =>
    name === 'id' ? '00000000-0000-4000-8000-000000000000' : 'x';
  const fill = (values: Record<string, string>) =>
    template.replace(/\{(\w+)\}/g, (_, name) =>
      encodeURIComponent(values[name] ?? plausible(name)),
    );
  if (!names.length) return [template];
  return names.flatMap(name => [
    ...HOSTILE_STRINGS.filter(s => s !== '').map(value =>
      fill({ [name]: value }),
    ),
    // Percent-encodings that do not decode (a lone surrogate, an overlong slash, a stray %).
    ...['%ED%A0%80', '%C0%AF', '%', '%2'].map(raw =>
      fill({ [name]: 'RAW' }).replace('RAW', raw),
    ),
  ]);
}

/** Query strings: each parameter in turn wrong, repeated, or hostile; and an unknown one. */
function queriesFor(params: Parameter[]): string[] {
  const query = params.filter(p => p.in === 'query');
  const cases = ['', 'unknown=1', 'entityRef[$gt]=', '%ZZ=%ZZ', 'a=%ED%A0%80'];
  for (const param of query) {
    const name = encodeURIComponent(param.name);
    for (const value of [
      ...HOSTILE_STRINGS,
      'NaN',
      '-1',
      '1.5',
      '99999999999999999999',
    ]) {
      cases.push(`${name}=${encodeURIComponent(value)}`);
    }
    cases.push(`${name}=a&${name}=b`, `${name}[]=a`, `${name}[x]=a`);
  }
  return cases;
}

/** Bodies: not JSON, not an object, and each field in turn of a wrong type, plus an extra field. */
function bodiesFor(schema: Schema | undefined): Array<string | object> {
  const cases: Array<string | object> = [
    '{',
    '{"a":',
    'null',
    '[]',
    '"text"',
    '1',
    '{}',
  ];
  const resolved = schema && resolve(schema);
  for (const field of Object.keys(resolved?.properties ?? {})) {
    for (const value of WRONG_VALUES) cases.push({ [field]: value });
    const nested = resolve(resolved!.properties![field]);
    for (const inner of Object.keys(nested.properties ?? {})) {
      for (const value of WRONG_VALUES.slice(0, 9)) {
        cases.push({ [field]: { [inner]: value } });
      }
    }
  }
  cases.push({ notAField: 1 });
  return cases;
}

/**
 * Malformed requests to every route of openapi.yaml, generated from the spec itself, so that
 * a new route or parameter is covered without anyone writing its case: none may answer with
 * a 5xx, and each error keeps Backstage's one error body shape.
 */
describe('bad input to every route', () => {
  let app: Express;

  beforeAll(async () => {
    const router = await createTestRouter({
      databases,
      entities: [
        group('team-a'),
        user('alice', 'team-a'),
        user('bob', 'team-a'),
        system('shop', 'team-a'),
        component('good', { owner: 'team-a', system: 'shop' }),
      ],
    });
    await router.services.compliance.sweep();
    app = router.app;
  });

  const operations = Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, operation]) => ({
      path,
      method,
      operation,
      params: (operation.parameters ?? []).map(p => resolve<Parameter>(p)),
    })),
  );

  it.each(operations.map(o => [`${o.method.toUpperCase()} ${o.path}`, o]))(
    '%s never answers bad input with a 5xx',
    async (_name, { path, method, operation, params }) => {
      const failures: string[] = [];
      const send = async (url: string, body?: string | object) => {
        let req = (request(app) as any)[method](url);
        if (body !== undefined) {
          req = req.set('Content-Type', 'application/json');
          req = req.send(
            typeof body === 'string' ? body : JSON.stringify(body),
          );
        }
        const res = await req;
        if (res.status >= 500) {
          failures.push(
            `${res.status} ${method} ${url} ${JSON.stringify(body)}`,
          );
        } else if (res.status >= 400 && !res.body?.error?.message) {
          failures.push(`no error body: ${res.status} ${method} ${url}`);
        }
      };

      const paths = pathsFor(path, params);
      for (const url of paths) await send(url);
      const concrete = paths[0].includes('%')
        ? pathsFor(path, [])[0]
        : paths[0];
      for (const query of queriesFor(params)) {
        await send(`${concrete}${query ? `?${query}` : ''}`);
      }
      if (operation.requestBody) {
        const schema = operation.requestBody.content['application/json'].schema;
        for (const body of bodiesFor(schema)) await send(concrete, body);
      }

      expect(failures).toEqual([]);
    },
  );
});

/** Each parameter that holds an entity ref, as the router reads it. */
const REF_PARAMETERS: Array<[string, string]> = [
  ['/rollup?ownerRef=', 'ownerRef'],
  ['/rollup?systemRef=', 'systemRef'],
  ['/rollup?domainRef=', 'domainRef'],
  ['/exemptions?entityRef=', 'entityRef'],
  ['/entities?ownerRef=', 'ownerRef'],
  ['/trend?ownerRef=', 'ownerRef'],
  ['/gate?environment=production&entityRef=', 'entityRef'],
];

describe('an entity ref that does not parse', () => {
  let app: Express;

  beforeAll(async () => {
    app = (await createTestRouter({ databases, entities: [group('team-a')] }))
      .app;
  });

  it.each(REF_PARAMETERS)(
    'is a 400 naming the parameter: %s',
    async (url, parameter) => {
      for (const ref of ['a:b:c', 'kind:', ':/x', 'a/b/c']) {
        const res = await request(app).get(`${url}${encodeURIComponent(ref)}`);
        expect(res.status).toBe(400);
        expect(res.body.error.message).toContain(parameter);
      }
    },
  );

  it.each(REF_PARAMETERS)(
    'is taken as written, not URL-encoded, as a CI script sends it: %s',
    async (url, parameter) => {
      // `kind:namespace/name` as curl sends it: ':' and '/' are not encoded.
      const res = await request(app).get(`${url}group:default/team-a`);
      expect(res.status).not.toBe(400);
      expect(res.body.error?.message ?? '').not.toContain(parameter);
    },
  );

  it('takes the kind the parameter implies when a ref leaves it out', async () => {
    const res = await request(app).get('/rollup?ownerRef=team-a');
    expect(res.status).toBe(200);
    expect(res.body.scope).toEqual({ ownerRef: 'group:default/team-a' });
  });

  it('is a 400 in the path of /entities', async () => {
    const res = await request(app).get(
      `/entities/${encodeURIComponent('a:b')}/default/x`,
    );
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain('kind');
  });
});
