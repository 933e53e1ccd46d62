import type { Entity } from '@backstage/catalog-model';

/**
 * What a check says about one entity. `exempt` is never returned by a check: exemptions are
 * applied by the evaluator afterwards.
 *
 * @public
 */
export type CheckOutcome = {
  status: 'pass' | 'fail' | 'not-applicable' | 'error';
  /** Says exactly what is wrong (or right) in this entity, naming the values involved. */
  message: string;
  /** How to fix it; expected when the status is `fail` or `error`. */
  remediation?: string;
};

/**
 * A read-only view of the catalog, built once per sweep so that checks over thousands of
 * entities never call the catalog API per entity.
 *
 * All refs are full, lower-case entity refs (`kind:namespace/name`).
 *
 * @public
 */
export interface CatalogIndex {
  /** The entity with this full ref, if it exists. */
  get(entityRef: string): Entity | undefined;
  /** Every entity in the index. */
  all(): Iterable<Entity>;
  /**
   * Resolves a possibly shorthand reference (`team-a`, `group:team-a`, `default/team-a`) the
   * way Backstage does: default kind and namespace fill the missing parts. Returns undefined
   * when the reference cannot be parsed.
   */
  resolveRef(
    ref: string,
    defaults: { defaultKind: string; defaultNamespace: string },
  ): string | undefined;
  /** Groups whose `spec.parent` resolves to this group. */
  childGroupsOf(groupRef: string): string[];
  /** Users in the catalog whose `spec.memberOf` names this group (directly). */
  directMembersOf(groupRef: string): string[];
}

/**
 * What a check may use besides the entity. The backend provides it.
 *
 * @public
 */
export interface CheckContext {
  /** The catalog as the backend last read it, with lookups by ref and relation. */
  catalog: CatalogIndex;
  /**
   * Reads a file through Backstage's UrlReader. Resolves to undefined when the file does not
   * exist; rejects for other failures (the check then reports `error`).
   */
  readUrl(url: string): Promise<string | undefined>;
  /**
   * Reads a file that lies beside a catalog file the catalog read from the backend's disk.
   *
   * `location` is a `file:` location reference with an absolute path, such as the
   * `backstage.io/managed-by-location` annotation of an entity registered from a file
   * location; `path` is relative to that file's folder (`CODEOWNERS`, `.github/CODEOWNERS`).
   * Nothing outside that folder is ever read: `..` and absolute paths are refused, and so is
   * a symbolic link that resolves to outside the folder.
   *
   * Resolves to undefined when the file (or the folder) does not exist, or when `path` names
   * a directory. Rejects when `location` is not such a location, when the file lies outside
   * the folder, is not a regular file or is larger than the backend reads (1 MB), and for
   * other read failures (the check then reports `error`).
   */
  readFileBesideLocation(
    location: string,
    path: string,
  ): Promise<string | undefined>;
  /** Whether TechDocs for this entity have been published (the docs exist, not just the annotation). */
  isTechDocsPublished(entityRef: string): Promise<boolean>;
  /** The check's own options from config (`compliance.checks.<id>`), if any. */
  options: Record<string, unknown>;
}

/**
 * A compliance check. Built-in checks, checks declared in app-config and checks contributed
 * by other plugins through {@link complianceChecksExtensionPoint} all have this shape.
 *
 * @public
 */
export interface ComplianceCheck {
  /** Stable id, e.g. `ownership.owner-exists` or `deployments.pipeline-configured`. */
  id: string;
  /** A short name for people, e.g. `Owner exists`. */
  title: string;
  /** What the check verifies and why, in a sentence or two. */
  description: string;
  /**
   * The outcome for one entity. Checks that only look at the catalog can answer at once
   * (a sweep runs every check for every entity, and promises add up); checks that read
   * (CODEOWNERS, TechDocs, other systems) return a promise.
   */
  evaluate(
    entity: Entity,
    context: CheckContext,
  ): CheckOutcome | Promise<CheckOutcome>;
}
