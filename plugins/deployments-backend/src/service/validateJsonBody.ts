import { InputError } from '@backstage/errors';
import Ajv2020, { type ErrorObject } from 'ajv/dist/2020';
import type { RequestHandler } from 'express';
import type { RowError } from '../lib/rowErrors';
import { spec } from '../schema/openapi';

/** The OpenAPI document, as a schema whose components the request schemas refer to. */
const SPEC_ID = 'deployments-openapi';

function createAjv() {
  // strict: false for the OpenAPI keywords beside JSON Schema (description, example);
  // allErrors so that an import names every bad row, not just the first.
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  ajv.addSchema({
    $id: SPEC_ID,
    components: JSON.parse(JSON.stringify(spec.components)),
  });
  return ajv;
}

/** A JSON pointer's parts such as `deployments`, `3`, `status` as `deployments[3].status`. */
function fieldPath(parts: string[]): string {
  let path = '';
  for (const raw of parts) {
    const part = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (/^\d+$/.test(part)) path += `[${part}]`;
    else path += path ? `.${part}` : part;
  }
  return path;
}

/** What is wrong, in words, and the field it is about. */
function describe(error: ErrorObject): { parts: string[]; message: string } {
  const parts = error.instancePath.split('/').slice(1);
  const params = error.params as Record<string, any>;
  switch (error.keyword) {
    case 'required':
      return {
        parts: [...parts, params.missingProperty],
        message: 'is required',
      };
    case 'additionalProperties':
      return {
        parts: [...parts, params.additionalProperty],
        message: 'is not a known field',
      };
    case 'enum':
      return {
        parts,
        message: `must be one of ${(params.allowedValues as unknown[]).join(
          ', ',
        )}`,
      };
    case 'pattern':
      return { parts, message: 'is not in the expected format' };
    default:
      return { parts, message: error.message ?? 'is invalid' };
  }
}

/** What a body breaks of its schema: per row of the rows field, and everything else. @internal */
export type BodyErrors = { rows: RowError[]; others: string[] };

/**
 * A checker of a route's JSON body against its OpenAPI schema, reporting every error at
 * once (the OpenAPI validator stops at the first), each naming its field; for the items of
 * `rowsField` (an import's `deployments`) by index and field, e.g. `status` of row 3.
 *
 * @internal
 */
export function bodyValidator(
  path: keyof typeof spec.paths,
  options: { rowsField?: string } = {},
): (body: unknown) => BodyErrors {
  const operation = (spec.paths as any)[path]?.post;
  const schema = operation?.requestBody?.content?.['application/json']?.schema;
  if (!schema?.$ref) {
    throw new Error(`openapi.yaml has no JSON body schema for POST ${path}`);
  }
  const validate = createAjv().compile({ $ref: `${SPEC_ID}${schema.$ref}` });

  return body => {
    const errors: BodyErrors = { rows: [], others: [] };
    if (validate(body)) return errors;
    const seen = new Set<string>();
    for (const error of validate.errors ?? []) {
      const { parts, message } = describe(error);
      const key = parts.join('/');
      if (seen.has(key)) continue; // one message per field is enough
      seen.add(key);
      const [field, index, ...inRow] = parts;
      if (
        options.rowsField &&
        field === options.rowsField &&
        /^\d+$/.test(index ?? '')
      ) {
        errors.rows.push({
          index: Number(index),
          field: fieldPath(inRow),
          message,
        });
      } else {
        errors.others.push(`${fieldPath(parts) || 'body'}: ${message}`);
      }
    }
    return errors;
  };
}

/**
 * Middleware that answers a body that breaks its schema with a 400 naming every bad
 * field. It runs before the OpenAPI validator, with the same schema, so that a body it
 * lets through passes that one too.
 *
 * @internal
 */
export function validateJsonBody(
  path: keyof typeof spec.paths,
): RequestHandler {
  const check = bodyValidator(path);
  return (req, _res, next) => {
    const { others } = check(req.body);
    next(others.length ? new InputError(others.join('; ')) : undefined);
  };
}
