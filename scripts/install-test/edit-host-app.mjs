#!/usr/bin/env node
// The code changes the plugin READMEs ask of a platform team, made to the host app:
//   - packages/backend/src/index.ts: backend.add(import(...)) for each backend package;
//   - packages/app/src/App.tsx: the plugin among the new frontend system's features.
//   node edit-host-app.mjs <host app folder>
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const app = process.argv[2];

const BACKEND_PACKAGES = [
  '@runway/plugin-compliance-backend',
  '@runway/plugin-catalog-backend-module-entity-changes',
  '@runway/plugin-deployments-backend',
];

function edit(file, change) {
  const path = join(app, file);
  const before = readFileSync(path, 'utf8');
  const after = change(before);
  if (after === before) {
    throw new Error(`${file}: the place to add Runway was not found`);
  }
  writeFileSync(path, after);
}

edit('packages/backend/src/index.ts', source =>
  source.replace(
    'backend.start();',
    `${BACKEND_PACKAGES.map(p => `backend.add(import('${p}'));`).join(
      '\n',
    )}\n\nbackend.start();`,
  ),
);

edit('packages/app/src/App.tsx', source =>
  source
    .replace(
      "import { signInModule } from './signIn';",
      "import { signInModule } from './signIn';\nimport compliancePlugin from '@runway/plugin-compliance/alpha';",
    )
    .replace(
      'features: [catalogPlugin, signInModule]',
      'features: [catalogPlugin, compliancePlugin, signInModule]',
    ),
);
