import { resolvePackagePath } from '@backstage/backend-plugin-api';
import type { Knex } from 'knex';

/** Runs this plugin's knex migrations (the `migrations/` folder of the package). @internal */
export async function migrateDatabase(knex: Knex): Promise<void> {
  const directory = resolvePackagePath(
    '@runway/plugin-compliance-backend',
    'migrations',
  );
  await knex.migrate.latest({ directory });
}
