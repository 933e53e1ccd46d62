import { TestDatabases } from '@backstage/backend-test-utils';
import type { Express } from 'express';
import request from 'supertest';
import { createTestRouter } from '../__testUtils__/createTestRouter';
import {
  deployment,
  ORGANISATION,
  versionBody,
} from '../__testUtils__/fixtures';
import { spec } from '../schema/openapi';

jest.setTimeout(120_000);

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
  '=cmd|" /C calc"!A0',
  '%00',
  '\u0000',
  '\u202e',
  'x'.repeat(5000),
  '{"$gt": ""}',
  '__proto__',
  'constructor',
  '2026-02-30T00:00:00Z',
  '9999-12-31T23:59:59+23:59',
];

/** Values of the wrong JSON type, or hostile, for any field. */
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
  const plausible = () => '00000000-0000-4000-8000-000000000000';
  const fill = (values: Record<string, string>) =>
    template.replace(/\{(\w+)\}/g, (_, name) =>
      encodeURIComponent(values[name] ?? plausible()),
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

/** Query strings that are wrong as a whole; none names one parameter. */
const GENERAL_QUERIES = [
  '',
  'unknown=1',
  'entityRef[$gt]=',
  '%ZZ=%ZZ',
  'a=%ED%A0%80',
];

/** Query strings with one parameter wrong, repeated or hostile: [parameter, query]. */
function queriesFor(params: Parameter[]): Array<[string, string]> {
  const cases: Array<[string, string]> = [];
  for (const param of params.filter(p => p.in === 'query')) {
    const name = encodeURIComponent(param.name);
    for (const value of [
      ...HOSTILE_STRINGS,
      'NaN',
      '-1',
      '1.5',
      '99999999999999999999',
    ]) {
      cases.push([param.name, `${name}=${encodeURIComponent(value)}`]);
    }
    cases.push(
      [param.name, `${name}=a&${name}=b`],
      [param.name, `${name}[]=a`],
      [param.name, `${name}[x]=a`],
    );
  }
  return cases;
}

/** A valid body for each route with one, to spoil one field at a time. */
const VALID_BODIES: Record<string, () => Record<string, unknown>> = {
  '/versions': () => versionBody('shop', '9.9.9'),
  '/history/import': () => ({
    deployments: [deployment('fuzz:1', 'shop', '2026-11-01T10:00:00Z')],
  }),
};

/**
 * Bodies: not JSON, not an object; each field of a valid body in turn of a wrong type
 * (for arrays of objects, each field of the first item): [the field that is wrong, body].
 */
function bodiesFor(
  path: string,
  schema: Schema,
): Array<[string, string | object]> {
  const cases: Array<[string, string | object]> = [
    '{',
    '{"a":',
    'null',
    '[]',
    '"text"',
    '1',
    '{}',
  ].map(body => ['', body]);
  const valid = VALID_BODIES[path]();
  const resolved = resolve(schema);
  for (const [field, property] of Object.entries(resolved.properties ?? {})) {
    for (const value of WRONG_VALUES)
      cases.push([field, { ...valid, [field]: value }]);
    const items = resolve(property).items;
    const item = items && resolve(items);
    for (const inner of Object.keys(item?.properties ?? {})) {
      const first = (valid[field] as object[])[0];
      for (const value of WRONG_VALUES) {
        cases.push([
          `${field}[0].${inner}`,
          { ...valid, [field]: [{ ...first, [inner]: value }] },
        ]);
      }
      const { [inner]: _, ...without } = first as Record<string, unknown>;
      cases.push([`${field}[0].${inner}`, { ...valid, [field]: [without] }]);
    }
  }
  cases.push(['notAField', { ...valid, notAField: 1 }]);
  return cases;
}

/**
 * Malformed requests to every route of openapi.yaml, generated from the spec itself, so that
 * a new route, parameter or field is covered without anyone writing its case: none may
 * answer with a 5xx, each error keeps Backstage's one error body shape, and a 400 about one
 * parameter or field names it.
 */
describe('bad input to every route', () => {
  let app: Express;

  beforeAll(async () => {
    ({ app } = await createTestRouter({ databases, entities: ORGANISATION }));
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
    '%s never answers bad input with a 5xx, and names the field at fault',
    async (_name, { path, method, operation, params }) => {
      const failures: string[] = [];
      const send = async (
        url: string,
        field: string,
        body?: string | object,
      ) => {
        let req = (request(app) as any)[method](url);
        if (body !== undefined) {
          req = req.set('Content-Type', 'application/json');
          req = req.send(
            typeof body === 'string' ? body : JSON.stringify(body),
          );
        }
        const res = await req;
        const what = `${res.status} ${method} ${url} ${JSON.stringify(
          body,
        )?.slice(0, 300)}`;
        const message: string | undefined = res.body?.error?.message;
        if (res.status >= 500) {
          failures.push(what);
        } else if (res.status >= 400 && !message) {
          failures.push(`no error body: ${what}`);
        } else if (res.status === 400 && field && !message!.includes(field)) {
          failures.push(`does not name ${field}: ${what}: ${message}`);
        }
      };

      const paths = pathsFor(path, params);
      for (const url of paths) await send(url, '');
      const concrete = pathsFor(path, [])[0].replace(
        '{id}',
        '00000000-0000-4000-8000-000000000000',
      );
      for (const query of GENERAL_QUERIES) {
        await send(`${concrete}${query ? `?${query}` : ''}`, '');
      }
      for (const [field, query] of queriesFor(params)) {
        await send(`${concrete}?${query}`, field);
      }
      if (operation.requestBody) {
        const schema = operation.requestBody.content['application/json'].schema;
        for (const [field, body] of bodiesFor(path, schema)) {
          await send(concrete, field, body);
        }
      }

      expect(failures).toEqual([]);
    },
  );

  it('answers an import body over the size limit with a 413, not a 5xx', async () => {
    const res = await request(app)
      .post('/history/import')
      .set('Content-Type', 'application/json')
      .send(`{"deployments":["${'x'.repeat(17 * 1024 * 1024)}"]}`);
    expect(res.status).toBe(413);
    expect(res.body.error.message).toEqual(expect.any(String));
  });
});
