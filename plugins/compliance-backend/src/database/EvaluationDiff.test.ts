import { EvaluationDiff } from './EvaluationDiff';
import type { ResultRow, StoredState } from './storedState';
import { evaluation } from './testUtils';

const earlier = new Date('2026-11-01T00:00:00Z');
const now = new Date('2026-11-26T00:00:00Z');

/** Stored entities with their check statuses, evaluated from catalog etag `etag`. */
function storedState(
  entities: Record<string, Record<string, ResultRow['status']>>,
  etag: string | null = null,
): StoredState {
  const state: StoredState = {
    revision: 1,
    complete: true,
    results: new Map(),
    entities: new Map(),
  };
  for (const [ref, statuses] of Object.entries(entities)) {
    const stored = evaluation(ref, statuses);
    state.results.set(
      ref,
      new Map(
        stored.results.map(r => [
          r.checkId,
          {
            entity_ref: ref,
            check_id: r.checkId,
            status: r.status,
            message: r.message,
            remediation: null,
            since: earlier,
          },
        ]),
      ),
    );
    state.entities.set(ref, {
      entity_ref: ref,
      owner_ref: stored.ownerRef ?? null,
      system_ref: null,
      domain_ref: null,
      level: null,
      failing_count: stored.results.filter(r => r.status === 'fail').length,
      changed_at: earlier,
      first_evaluated_at: earlier,
      catalog_etag: etag,
    });
  }
  return state;
}

describe('EvaluationDiff', () => {
  it('keeps nothing for evaluations that match what is stored', () => {
    const diff = new EvaluationDiff(
      storedState({ 'component:default/a': { x: 'pass', y: 'fail' } }),
      now,
    );
    diff.add(evaluation('component:default/a', { x: 'pass', y: 'fail' }));
    diff.removeUnevaluated();
    expect(diff.isEmpty()).toBe(true);
    expect(diff.transitions).toEqual([]);
  });

  it('keeps nothing for an evaluation from the catalog entity the stored one came from', () => {
    const diff = new EvaluationDiff(
      storedState({ 'component:default/a': { x: 'pass' } }, 'etag-1'),
      now,
    );
    diff.add(
      evaluation(
        'component:default/a',
        { x: 'pass' },
        { catalogEtag: 'etag-1' },
      ),
    );
    expect(diff.isEmpty()).toBe(true);
  });

  it('rewrites only the entity row when only the catalog etag changed', () => {
    const diff = new EvaluationDiff(
      storedState({ 'component:default/a': { x: 'pass' } }, 'etag-1'),
      now,
    );
    diff.add(
      evaluation(
        'component:default/a',
        { x: 'pass' },
        { catalogEtag: 'etag-2' },
      ),
    );
    expect(diff.entityUpserts).toEqual([
      expect.objectContaining({
        entity_ref: 'component:default/a',
        catalog_etag: 'etag-2',
        first_evaluated_at: earlier,
      }),
    ]);
    expect(diff.resultUpserts).toEqual([]);
    expect(diff.historyRows).toEqual([]);
    expect(diff.levelHistoryRows).toEqual([]);
    expect(diff.transitions).toEqual([]);
  });

  it('keeps a changed status as an upsert, a history row and a transition', () => {
    const diff = new EvaluationDiff(
      storedState({ 'component:default/a': { x: 'pass', y: 'pass' } }),
      now,
    );
    diff.add(evaluation('component:default/a', { x: 'fail', y: 'pass' }));
    expect(diff.resultUpserts).toEqual([
      expect.objectContaining({ check_id: 'x', status: 'fail', since: now }),
    ]);
    expect(diff.historyRows).toEqual([
      expect.objectContaining({ from_status: 'pass', to_status: 'fail' }),
    ]);
    expect(diff.transitions).toEqual([
      expect.objectContaining({ checkId: 'x', from: 'pass', to: 'fail' }),
    ]);
    expect(diff.entityUpserts).toEqual([
      expect.objectContaining({
        failing_count: 1,
        first_evaluated_at: earlier,
      }),
    ]);
  });

  it('keeps a changed message without a history row, with the old since', () => {
    const diff = new EvaluationDiff(
      storedState({ 'component:default/a': { x: 'fail' } }),
      now,
    );
    const changed = evaluation('component:default/a', { x: 'fail' });
    changed.results[0].message = 'now for another reason';
    diff.add(changed);
    expect(diff.resultUpserts).toEqual([
      expect.objectContaining({
        message: 'now for another reason',
        since: earlier,
      }),
    ]);
    expect(diff.historyRows).toEqual([]);
    expect(diff.transitions).toEqual([]);
  });

  it('records a first evaluation without history, and results of removed checks as stale', () => {
    const diff = new EvaluationDiff(
      storedState({ 'component:default/a': { x: 'pass', gone: 'pass' } }),
      now,
    );
    diff.add(evaluation('component:default/a', { x: 'pass' }));
    diff.add(evaluation('component:default/new', { x: 'pass' }));
    expect(diff.staleResults).toEqual([['component:default/a', 'gone']]);
    expect(diff.historyRows).toEqual([]);
    expect(diff.transitions).toEqual([
      expect.objectContaining({
        entityRef: 'component:default/new',
        from: null,
      }),
    ]);
    expect(diff.entityUpserts).toEqual([
      expect.objectContaining({
        entity_ref: 'component:default/new',
        first_evaluated_at: now,
      }),
    ]);
  });

  it('removes, for a complete save, the stored entities that were not evaluated', () => {
    const diff = new EvaluationDiff(
      storedState({
        'component:default/a': { x: 'pass' },
        'component:default/gone': { x: 'pass' },
      }),
      now,
    );
    diff.add(evaluation('component:default/a', { x: 'pass' }));
    diff.removeUnevaluated();
    expect(diff.removedRefs).toEqual(['component:default/gone']);
    expect(diff.levelHistoryRows).toEqual([
      expect.objectContaining({
        entity_ref: 'component:default/gone',
        removed: true,
      }),
    ]);
  });
});
