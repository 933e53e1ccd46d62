const config = require('@backstage/cli/config/eslint-factory')(__dirname);

// The benchmark is not a workspace: it reaches the packages through the root node_modules
// and, like any user of them, only through their public entry points. Deep imports of a
// package are refused by @backstage/no-forbidden-package-imports; this refuses the
// relative path around it.
module.exports = {
  ...config,
  overrides: [
    ...(config.overrides ?? []),
    {
      files: ['**/*'],
      rules: {
        'no-restricted-imports': [
          'error',
          {
            patterns: [
              {
                group: ['../../*'],
                message:
                  "Import the package's public entry point (e.g. '@runway/plugin-compliance-backend'), not its files.",
              },
            ],
          },
        ],
      },
    },
  ],
};
