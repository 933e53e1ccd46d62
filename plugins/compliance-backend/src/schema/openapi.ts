import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

/** The plugin's OpenAPI document (src/schema/openapi.yaml), the source of truth for its routes. @internal */
export const openApiSpec = parse(
  readFileSync(
    resolvePackagePath(
      '@runway/plugin-compliance-backend',
      'src/schema/openapi.yaml',
    ),
    'utf8',
  ),
);
