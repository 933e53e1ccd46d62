import type { LoggerService } from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import type { CatalogIndex } from '@runway/plugin-compliance-node';
import { InMemoryCatalogIndex } from '../catalog/InMemoryCatalogIndex';
import { isEmptyIndex } from '../catalog/isEmptyIndex';
import {
  affectedByChanges,
  fanOutView,
  RELATED_KINDS,
} from './affectedByChanges';
import type { CatalogIndexProvider } from './CatalogIndexProvider';
import { DEFAULT_MAX_ENTITIES } from './CatalogChangeListener';
import type { ComplianceService } from './ComplianceService';

/** @internal */
export type CatalogDeletionReconcilerOptions = {
  logger: LoggerService;
  compliance: Pick<ComplianceService, 'evaluateEntities' | 'removeEntities'>;
  catalogIndex: Pick<CatalogIndexProvider, 'refresh'>;
  /** Evaluated kinds, lower-case. */
  kinds: string[];
  maxEntities?: number;
};

/** What one run found and did. @internal */
export type ReconcileSummary = {
  /** Entities in the catalog at the last run and not now. */
  deleted: number;
  /** Of those, entities whose stored compliance was removed. */
  removed: number;
  /** Entities evaluated again because a deleted group, user or system affected them. */
  evaluated: number;
};

const NOTHING: ReconcileSummary = { deleted: 0, removed: 0, evaluated: 0 };

/**
 * Catches up on entities deleted from the catalog, which no event announces, between two
 * sweeps: it compares the catalog now with the catalog at its last run, then
 *
 * - removes the stored compliance of deleted entities of evaluated kinds;
 * - re-evaluates, against the catalog now, what a deleted Group, User or System affected,
 *   as {@link affectedByChanges} computes it on the catalog at the last run (where the
 *   deleted entity and its relations still are): e.g. what a deleted group owned fails
 *   owner-exists now.
 *
 * The catalog at the last run is this instance's own (reduced to what the fan-out reads),
 * not the shared CatalogIndexProvider's, which single-entity evaluations refresh every few
 * seconds and would make the comparison miss what was deleted before that. The first run
 * after start has nothing to compare with; what was deleted before it is CatalogCatchUp's,
 * which compares the catalog with what is stored. With several replicas each compares with
 * its own last run, so a deletion may be handled twice: removal and evaluation write only
 * what changed.
 *
 * @internal
 */
export class CatalogDeletionReconciler {
  private previous?: CatalogIndex;

  constructor(private readonly options: CatalogDeletionReconcilerOptions) {}

  async reconcile(): Promise<ReconcileSummary> {
    const { catalogIndex, compliance, kinds, logger } = this.options;
    const maxEntities = this.options.maxEntities ?? DEFAULT_MAX_ENTITIES;
    const after = await catalogIndex.refresh();
    const before = this.previous;
    const next = InMemoryCatalogIndex.fromEntities(
      [...after.all()].map(fanOutView),
    );
    if (!before) {
      this.previous = next;
      return NOTHING;
    }

    const deleted = [...before.all()].filter(
      entity => !after.get(stringifyEntityRef(entity)),
    );
    if (!deleted.length) {
      this.previous = next;
      return NOTHING;
    }
    if (isEmptyIndex(after)) {
      // More likely a catalog that is starting or failing than one emptied on purpose: the
      // sweep, which compares with what is stored, is left to decide.
      logger.warn(
        'Compliance reconcile read no entities from the catalog; not treating the whole catalog as deleted',
      );
      return NOTHING;
    }
    const kindOf = (entity: { kind: string }) =>
      entity.kind.toLocaleLowerCase('en-US');

    // Refs as the sweep stores them.
    const toRemove = deleted
      .filter(entity => kinds.includes(kindOf(entity)))
      .map(entity => stringifyEntityRef(entity));
    const removed = toRemove.length
      ? await compliance.removeEntities(toRemove)
      : 0;

    const related = deleted
      .filter(entity => RELATED_KINDS.includes(kindOf(entity)))
      .map(entity => ({
        ref: stringifyEntityRef(entity).toLocaleLowerCase('en-US'),
        kind: kindOf(entity),
      }));
    const affected = [...affectedByChanges(before, related, kinds)].filter(
      ref => after.get(ref),
    );
    let evaluated = 0;
    if (affected.length > maxEntities) {
      logger.info(
        `${related.length} deleted group(s), user(s) or system(s) affect ${affected.length} entities, more than ${maxEntities}: their compliance is left to the next sweep`,
      );
    } else if (affected.length) {
      evaluated = (await compliance.evaluateEntities(affected, after)).entities;
    }

    // Only now: if a step failed, the next run finds the same deletions again.
    this.previous = next;
    logger.info(
      `Compliance reconcile: ${
        deleted.length
      } entities left the catalog (${deleted
        .slice(0, 5)
        .map(entity => stringifyEntityRef(entity))
        .join(', ')}${
        deleted.length > 5 ? ', …' : ''
      }); removed the compliance of ${removed}, evaluated ${evaluated} entities they affected`,
    );
    return { deleted: deleted.length, removed, evaluated };
  }
}
