import type { RunStatus } from '@runway/plugin-deployments-common';

/** A version to register; refs full and lower-case, the SHA lower-case. @internal */
export type NewVersion = {
  entityRef: string;
  version: string;
  commitSha: string;
  commitTime: Date;
  author: string;
  registeredBy: string;
};

/** A registered version. @internal */
export type StoredVersion = {
  entityRef: string;
  version: string;
  commitSha: string;
  commitTime: string;
  author: string;
  registeredBy: string;
  registeredAt: string;
};

/** A past deployment to import, validated; refs full and lower-case. @internal */
export type NewImportedRun = {
  externalId: string;
  entityRef: string;
  stage: string;
  version: string;
  commitSha: string;
  commitTime: Date;
  startedAt: Date;
  finishedAt: Date;
  status: 'succeeded' | 'failed';
  rollback: boolean;
};

/** What an import stored. @internal */
export type ImportOutcome = { imported: number; unchanged: number };

/** A run as stored. @internal */
export type StoredRun = {
  id: string;
  entityRef: string;
  stage: string;
  version: string;
  commitSha: string;
  commitTime: string;
  status: RunStatus;
  rollback: boolean;
  source: 'pipeline' | 'import';
  externalId?: string;
  createdBy?: string;
  createdAt: string;
  startedAt?: string;
  finishedAt?: string;
};

/** Where a page of runs starts: after this run in the list's order. @internal */
export type RunPosition = { createdAt: string; id: string };

/** Which runs to list. @internal */
export type RunFilter = {
  entityRef?: string;
  stage?: string;
  status?: RunStatus;
  /** Only runs of these entities; every entity when undefined. */
  entityRefs?: ReadonlySet<string>;
};

/** A finished production deployment, as DORA reads it. @internal */
export type DoraRun = {
  id: string;
  entityRef: string;
  status: 'succeeded' | 'failed';
  rollback: boolean;
  commitTime: number;
  finishedAt: number;
};

/**
 * The finished runs of one stage that DORA needs for a window: those that finished in it,
 * and, per entity, the first one after it and the first successful one after it (the
 * "next" deployments of the definitions).
 *
 * @internal
 */
export type DoraRuns = { inWindow: DoraRun[]; after: DoraRun[] };

/**
 * Versions and runs. Every write appends its audit events to the hash chain in the same
 * transaction: the change and its record are stored together or not at all.
 *
 * @internal
 */
export interface DeploymentsStore {
  /**
   * Registers a version. The same version with the same commit again changes nothing and
   * answers `created: false`; with another commit it throws a `ConflictError`.
   */
  registerVersion(
    version: NewVersion,
  ): Promise<{ created: boolean; version: StoredVersion }>;

  /**
   * Imports runs, all or nothing. A run whose external id is stored with the same fields
   * counts as unchanged; with other fields, the whole import throws a `ConflictError`
   * naming each such row by its index in `runs`.
   */
  importRuns(runs: NewImportedRun[], actor: string): Promise<ImportOutcome>;

  /** Runs newest first (createdAt, then id), `limit` of them after `after`. */
  listRuns(
    filter: RunFilter,
    page: { limit: number; after?: RunPosition },
  ): Promise<StoredRun[]>;

  getRun(id: string): Promise<StoredRun | undefined>;

  /** The finished runs of `stage` that DORA needs for [from, to). */
  doraRuns(query: {
    stage: string;
    from: Date;
    to: Date;
    entityRefs?: ReadonlySet<string>;
  }): Promise<DoraRuns>;
}
