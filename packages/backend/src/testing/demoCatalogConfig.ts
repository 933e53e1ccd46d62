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
