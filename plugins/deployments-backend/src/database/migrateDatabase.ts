import { resolvePackagePath } from '@backstage/backend-plugin-api';
import type { Knex } from 'knex';

/** The `migrations/` folder of the package, where this plugin's knex migrations are. @internal */
export function migrationsDirectory(): string {
  return resolvePackagePath('@runway/plugin-deployments-backend', 'migrations');
}

/** Runs this plugin's knex migrations (the `migrations/` folder of the package). @internal */
export async function migrateDatabase(knex: Knex): Promise<void> {
  await knex.migrate.latest({ directory: migrationsDirectory() });
}
