/**
 * What the catch-up at start (CatalogCatchUp) compares the catalog with: the catalog etags
 * that the stored compliance was evaluated from.
 *
 * @internal
 */
export interface CatchUpStore {
  /**
   * Every stored entity (ref as stored) with the `metadata.etag` of the catalog entity it
   * was evaluated from; null when that was not recorded (evaluated before it was).
   */
  listEvaluatedEtags(): Promise<Map<string, string | null>>;

  /**
   * Groups, users and systems (lower-case refs) with the etag each had when what it affects
   * was last evaluated, as the last catch-up recorded them.
   */
  listRelatedEtags(): Promise<Map<string, string>>;

  /** Records the etags that changed and forgets the entities that left the catalog. */
  saveRelatedEtags(changes: {
    etags: ReadonlyMap<string, string>;
    removedRefs: readonly string[];
  }): Promise<void>;
}
