import { TestDatabases } from '@backstage/backend-test-utils';
import type { Knex } from 'knex';
import { canonicalJson, chainHash } from './auditChain';
import { DatabaseAuditLog } from './DatabaseAuditLog';
import { DatabaseDeploymentsStore } from './DatabaseDeploymentsStore';
import { migrateDatabase } from './migrateDatabase';
import { bypassingAppendOnly, importedRun, newVersion } from './testUtils';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

describe.each(databases.eachSupportedId())('the audit chain on %p', id => {
  let knex: Knex;
  let store: DatabaseDeploymentsStore;
  let audit: DatabaseAuditLog;

  /** A chain of 6 rows: three versions of shop, three imported runs (two of cart). */
  beforeEach(async () => {
    knex = await databases.init(id);
    await migrateDatabase(knex);
    store = new DatabaseDeploymentsStore(knex);
    audit = new DatabaseAuditLog(knex);
    for (const version of ['1.0.0', '1.1.0', '1.2.0']) {
      await store.registerVersion(newVersion('shop', version));
    }
    await store.importRuns(
      [
        importedRun('gh:1', '2026-11-02T10:00:00Z'),
        importedRun('gh:2', '2026-11-03T10:00:00Z', {
          entityRef: 'component:default/cart',
        }),
        importedRun('gh:3', '2026-11-04T10:00:00Z', {
          entityRef: 'component:default/cart',
        }),
      ],
      'external:ci',
    );
  });

  const rows = () => knex('deployments_audit').orderBy('seq');

  it('chains every row to the one before and verifies intact', async () => {
    const stored = await rows();
    expect(stored.map(r => Number(r.seq))).toEqual([1, 2, 3, 4, 5, 6]);
    expect(stored[0].prev_hash).toBe('0'.repeat(64));
    for (const row of stored) {
      expect(row.hash).toBe(chainHash(row.prev_hash, row.event));
      // What is hashed is the canonical spelling of the event.
      expect(canonicalJson(JSON.parse(row.event))).toBe(row.event);
    }
    for (let i = 1; i < stored.length; i++) {
      expect(stored[i].prev_hash).toBe(stored[i - 1].hash);
    }
    await expect(audit.verify()).resolves.toEqual({
      intact: true,
      rowCount: 6,
      lastSeq: 6,
      lastHash: stored[5].hash,
    });
  });

  it('is refused any change by the database itself', async () => {
    await expect(
      knex('deployments_audit').where({ seq: 2 }).update({ actor: 'mallory' }),
    ).rejects.toThrow('append-only');
    await expect(
      knex('deployments_audit').where({ seq: 2 }).delete(),
    ).rejects.toThrow('append-only');
    await expect(audit.verify()).resolves.toMatchObject({ intact: true });
  });

  it('names the row whose event was altered', async () => {
    await bypassingAppendOnly(knex, () =>
      knex('deployments_audit')
        .where({ seq: 4 })
        .update({
          event: knex.raw('replace(event, ?, ?)', [
            '"succeeded"',
            '"failed"',
          ]) as any,
        }),
    );
    await expect(audit.verify()).resolves.toMatchObject({
      intact: false,
      rowCount: 3,
      lastSeq: 3,
      firstBroken: {
        seq: 4,
        reason: 'its hash does not match its content: the row was changed',
      },
    });
  });

  it('names the row whose hash was recomputed after altering it, by the next row', async () => {
    const [row] = await knex('deployments_audit').where({ seq: 2 });
    const event = row.event.replace('1.1.0', '6.6.6');
    await bypassingAppendOnly(knex, () =>
      knex('deployments_audit')
        .where({ seq: 2 })
        .update({ event, hash: chainHash(row.prev_hash, event) }),
    );
    await expect(audit.verify()).resolves.toMatchObject({
      intact: false,
      firstBroken: {
        seq: 3,
        reason: 'its previous hash does not match the hash of row 2',
      },
    });
  });

  it('names a row whose columns no longer say what its hash covers', async () => {
    await bypassingAppendOnly(knex, () =>
      knex('deployments_audit')
        .where({ seq: 5 })
        .update({ entity_ref: 'component:default/shop' }),
    );
    await expect(audit.verify()).resolves.toMatchObject({
      intact: false,
      firstBroken: {
        seq: 5,
        reason:
          'its entity_ref column does not match the event its hash covers',
      },
    });
  });

  it('names a deleted row', async () => {
    await bypassingAppendOnly(knex, () =>
      knex('deployments_audit').where({ seq: 3 }).delete(),
    );
    await expect(audit.verify()).resolves.toMatchObject({
      intact: false,
      rowCount: 2,
      firstBroken: { seq: 3, reason: 'row 3 is missing: the next row is 4' },
    });
  });

  it('names a deleted last row, which only the chain head still knows of', async () => {
    await bypassingAppendOnly(knex, () =>
      knex('deployments_audit').where({ seq: 6 }).delete(),
    );
    await expect(audit.verify()).resolves.toMatchObject({
      intact: false,
      rowCount: 5,
      firstBroken: {
        seq: 6,
        reason: 'row 6 is missing: the chain head records 6 rows',
      },
    });
  });

  it('names the first of two rows swapped in order', async () => {
    await bypassingAppendOnly(knex, async () => {
      await knex('deployments_audit').where({ seq: 4 }).update({ seq: -1 });
      await knex('deployments_audit').where({ seq: 5 }).update({ seq: 4 });
      await knex('deployments_audit').where({ seq: -1 }).update({ seq: 5 });
    });
    await expect(audit.verify()).resolves.toMatchObject({
      intact: false,
      firstBroken: {
        seq: 4,
        reason: 'its previous hash does not match the hash of row 3',
      },
    });
  });

  it('exports the rows of some entities within a time range, oldest first', async () => {
    const read = async (filter: Parameters<DatabaseAuditLog['read']>[0]) => {
      const records = [];
      for await (const page of audit.read(filter, 2)) records.push(...page);
      return records;
    };
    const cart = await read({
      entityRefs: new Set(['component:default/cart']),
    });
    expect(cart.map(r => r.seq)).toEqual([5, 6]);
    expect(cart[0]).toMatchObject({
      type: 'run.imported',
      entityRef: 'component:default/cart',
      actor: 'external:ci',
      data: { externalId: 'gh:2', status: 'succeeded', stage: 'production' },
      prevHash: expect.stringMatching(/^[0-9a-f]{64}$/),
      hash: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect((await read({})).map(r => r.seq)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(await read({ from: new Date(Date.now() + 60_000) })).toEqual([]);
    expect(await read({ to: new Date('2020-01-01T00:00:00Z') })).toEqual([]);
    expect(await read({ entityRefs: new Set() })).toEqual([]);
  });
});

describe.each(databases.eachSupportedId())('concurrent writers on %p', id => {
  it('never fork the chain', async () => {
    const knex = await databases.init(id);
    await migrateDatabase(knex);
    const store = new DatabaseDeploymentsStore(knex);
    // Rounds of writers that all start at once, each in its own transaction (PostgreSQL's
    // test pool has several connections): without the chain's lock they read the same
    // head, and the chain forks or two rows claim one position.
    for (let round = 0; round < 4; round++) {
      await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          i % 2
            ? store.registerVersion(newVersion(`c${i}`, `${round}.0.0`))
            : store.importRuns(
                [
                  importedRun(`r${round}:${i}:a`, '2026-11-02T10:00:00Z'),
                  importedRun(`r${round}:${i}:b`, '2026-11-02T11:00:00Z'),
                ],
                'external:ci',
              ),
        ),
      );
    }
    await expect(new DatabaseAuditLog(knex).verify()).resolves.toMatchObject({
      intact: true,
      rowCount: 4 * (10 + 20),
    });
  });
});
