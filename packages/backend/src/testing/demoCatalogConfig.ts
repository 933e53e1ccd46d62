import { resolvePackagePath } from '@backstage/backend-plugin-api';

/** The demo organisation's entry point, examples/all.yaml. */
export const DEMO_LOCATION = resolve(
  __dirname,
  '../../../../examples/all.yaml',
);
/** Runway's own entities, catalog-info.yaml at the repository root. */
export const RUNWAY_LOCATION = resolve(
  __dirname,
  '../../../../catalog-info.yaml',
);

/** Catalog config that loads the given file locations quickly, with every kind they use. */
export function demoCatalogConfig(targets: string[]) {
  return {
    processingInterval: { seconds: 1 },
    rules: [
      {
        allow: [
          'Component',
          'System',
          'API',
          'Resource',
          'Location',
          'Domain',
          'Group',
          'User',
        ],
      },
    ],
    locations: targets.map(target => ({ type: 'file', target })),
  };
}
