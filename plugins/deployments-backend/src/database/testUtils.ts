// Helpers for the database tests. Production code must not import this file.
import type { Knex } from 'knex';
import type { NewImportedRun, NewVersion } from './DeploymentsStore';
import { isPostgres } from './dialect';

/** A version of `component:default/<name>` with a commit SHA made from `sha`. @internal */
export function newVersion(
  name: string,
  version: string,
  sha = 'a',
): NewVersion {
  return {
    entityRef: `component:default/${name}`,
    version,
    commitSha: sha.repeat(40).slice(0, 40),
    commitTime: new Date('2026-11-01T10:00:00Z'),
    author: 'alice@example.com',
    registeredBy: 'user:default/alice',
  };
}

/** A succeeded production deployment that finished `finishedAt`; `extra` overrides. @internal */
export function importedRun(
  externalId: string,
  finishedAt: string,
  extra: Partial<NewImportedRun> = {},
): NewImportedRun {
  const finished = new Date(finishedAt);
  return {
    externalId,
    entityRef: 'component:default/shop',
    stage: 'production',
    version: '1.0.0',
    commitSha: 'c'.repeat(40),
    commitTime: new Date(finished.getTime() - 5 * 3_600_000),
    startedAt: new Date(finished.getTime() - 600_000),
    finishedAt: finished,
    status: 'succeeded',
    rollback: false,
    ...extra,
  };
}

/**
 * Runs `tamper` with the audit table's append-only triggers out of the way, as someone
 * with full rights on the database could.
 *
 * @internal
 */
export async function bypassingAppendOnly(
  knex: Knex,
  tamper: () => Promise<unknown>,
): Promise<void> {
  if (isPostgres(knex)) {
    await knex.raw('ALTER TABLE deployments_audit DISABLE TRIGGER USER');
    await tamper();
    await knex.raw('ALTER TABLE deployments_audit ENABLE TRIGGER USER');
    return;
  }
  await knex.raw('DROP TRIGGER deployments_audit_no_update');
  await knex.raw('DROP TRIGGER deployments_audit_no_delete');
  await tamper();
}
