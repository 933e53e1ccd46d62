import { InputError } from '@backstage/errors';
import type { RequestHandler } from 'express';
import { spec } from '../schema/openapi';

type Schema = {
  $ref?: string;
  type?: string;
  properties?: Record<string, Schema>;
  additionalProperties?: boolean | Schema;
  items?: Schema;
};

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Follows a local `$ref` such as `#/components/schemas/EntityRef`. */
function resolve(schema: Schema): Schema {
  if (!schema.$ref?.startsWith('#/')) return schema;
  let target: any = spec;
  for (const part of schema.$ref.slice(2).split('/')) target = target?.[part];
  return (target as Schema) ?? {};
}

/**
 * The first field of `value` that its schema does not allow (`additionalProperties:
 * false`), as a dotted path such as `filter.system`.
 *
 * @internal
 */
export function findUnknownField(
  schemaOrRef: Schema,
  value: unknown,
  path = '',
): { field: string; allowed: string[] } | undefined {
  const schema = resolve(schemaOrRef);
  const at = (key: string | number) => {
    if (typeof key === 'number') return `${path}[${key}]`;
    return path ? `${path}.${key}` : key;
  };
  if (isObject(value) && schema.properties) {
    const allowed = Object.keys(schema.properties);
    if (schema.additionalProperties === false) {
      const unknown = Object.keys(value).find(key => !allowed.includes(key));
      if (unknown !== undefined) return { field: at(unknown), allowed };
    }
    for (const [key, property] of Object.entries(schema.properties)) {
      if (key in value) {
        const found = findUnknownField(property, value[key], at(key));
        if (found) return found;
      }
    }
  }
  if (Array.isArray(value) && schema.items) {
    for (let i = 0; i < value.length; i++) {
      const found = findUnknownField(schema.items, value[i], at(i));
      if (found) return found;
    }
  }
  return undefined;
}

/**
 * Middleware that answers a JSON body with a field its OpenAPI schema does not allow with a
 * 400 naming that field. The OpenAPI validator rejects such bodies too, but its message
 * names only the enclosing object ("request/body/filter must NOT have additional
 * properties").
 *
 * @internal
 */
export function rejectUnknownFields(
  path: string,
  method: 'post' | 'put' | 'patch',
): RequestHandler {
  const schema: Schema | undefined = (spec.paths as any)[path]?.[method]
    ?.requestBody?.content?.['application/json']?.schema;
  if (!schema) {
    throw new Error(
      `openapi.yaml has no JSON request body for ${method} ${path}`,
    );
  }
  return (req, _res, next) => {
    const found = findUnknownField(schema, req.body);
    if (found) {
      const allowed = found.allowed.length
        ? `allowed: ${found.allowed.join(', ')}`
        : 'no fields are allowed';
      next(new InputError(`${found.field} is not a known field (${allowed})`));
      return;
    }
    next();
  };
}
