import type { CheckStatus } from '@runway/plugin-compliance-common';

/** A row of `compliance_results`. @internal */
export type ResultRow = {
  entity_ref: string;
  check_id: string;
  status: CheckStatus;
  message: string;
  remediation: string | null;
  since: string | Date;
};

/** A row of `compliance_entities`. @internal */
export type EntityRow = {
  entity_ref: string;
  owner_ref: string | null;
  system_ref: string | null;
  domain_ref: string | null;
  level: string | null;
  failing_count: number;
  changed_at: string | Date;
  first_evaluated_at: string | Date | null;
  /** The catalog's `metadata.etag` of the entity it was evaluated from, if known. */
  catalog_etag: string | null;
};

/** The stored results and entities, as read at a revision of `compliance_state`. @internal */
export type StoredState = {
  revision: number;
  /** Whether this holds every stored entity (a full read) or only some. */
  complete: boolean;
  results: Map<string, Map<string, ResultRow>>;
  entities: Map<string, EntityRow>;
};

/** What a save writes, to apply to an in-memory state after it committed. @internal */
export type StateChanges = {
  resultUpserts: ResultRow[];
  entityUpserts: EntityRow[];
  staleResults: Array<[string, string]>;
  removedRefs: string[];
};

/**
 * Applies a committed save to an in-memory state, so it matches the database again.
 *
 * @internal
 */
export function applyChanges(state: StoredState, changes: StateChanges) {
  for (const row of changes.resultUpserts) {
    let byCheck = state.results.get(row.entity_ref);
    if (!byCheck) {
      byCheck = new Map();
      state.results.set(row.entity_ref, byCheck);
    }
    byCheck.set(row.check_id, row);
  }
  for (const row of changes.entityUpserts) {
    state.entities.set(row.entity_ref, row);
  }
  for (const [entityRef, checkId] of changes.staleResults) {
    state.results.get(entityRef)?.delete(checkId);
  }
  for (const entityRef of changes.removedRefs) {
    state.results.delete(entityRef);
    state.entities.delete(entityRef);
  }
}
