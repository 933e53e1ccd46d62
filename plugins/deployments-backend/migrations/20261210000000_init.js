// @ts-check

const GENESIS_HASH = '0'.repeat(64);

/** @param {import('knex').Knex} knex */
function isPostgres(knex) {
  const client = knex.client.config.client;
  return client === 'pg' || client === 'postgres' || client === 'postgresql';
}

/** @param {import('knex').Knex} knex */
function isSqlite(knex) {
  return String(knex.client.config.client).includes('sqlite');
}

/**
 * Versions CI registers, runs (those Runway drives and those imported), and the
 * hash-chained audit trail with its head: the row every append locks, which serializes
 * appends so that the chain never forks.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('deployments_versions', table => {
    table.comment('Builds of an entity that CI registered; immutable');
    table.string('entity_ref', 255).notNullable();
    table.string('version', 128).notNullable();
    table.string('commit_sha', 64).notNullable();
    table.timestamp('commit_time', { useTz: true }).notNullable();
    table.string('author', 255).notNullable();
    table.string('registered_by', 255).notNullable();
    table.timestamp('registered_at', { useTz: true }).notNullable();
    table.primary(['entity_ref', 'version']);
  });

  await knex.schema.createTable('deployments_runs', table => {
    table.comment('Deployments of a version of an entity to one stage');
    table.string('id', 36).primary();
    table.string('entity_ref', 255).notNullable();
    table.string('stage', 63).notNullable();
    table.string('version', 128).notNullable();
    table.string('commit_sha', 64).notNullable();
    table.timestamp('commit_time', { useTz: true }).notNullable();
    table.string('status', 32).notNullable();
    table.boolean('rollback').notNullable().defaultTo(false);
    table
      .string('source', 16)
      .notNullable()
      .comment('pipeline (driven by Runway) or import');
    table
      .string('external_id', 255)
      .nullable()
      .unique({ indexName: 'deployments_runs_external_id_uniq' })
      .comment('The id an imported deployment has where it came from');
    table.string('created_by', 255).nullable();
    table
      .timestamp('created_at', { useTz: true })
      .notNullable()
      .comment(
        'When the run was created; for an imported one, when it started',
      );
    table.timestamp('started_at', { useTz: true }).nullable();
    table.timestamp('finished_at', { useTz: true }).nullable();
    table.timestamp('updated_at', { useTz: true }).notNullable();
    // The run list, newest first, overall and per entity (keyset paging on both columns).
    table.index(['created_at', 'id'], 'deployments_runs_created_idx');
    table.index(
      ['entity_ref', 'created_at', 'id'],
      'deployments_runs_entity_created_idx',
    );
    // DORA: the finished runs of the production stage, by finish time.
    table.index(
      ['stage', 'finished_at'],
      'deployments_runs_stage_finished_idx',
    );
  });

  await knex.schema.createTable('deployments_audit', table => {
    table.comment(
      'Append-only audit trail; each row carries sha256(prev_hash + event)',
    );
    table.bigInteger('seq').primary().comment('1, 2, 3, … without gaps');
    table.string('type', 64).notNullable();
    table.string('entity_ref', 255).notNullable();
    table.string('actor', 255).notNullable();
    table.timestamp('occurred_at', { useTz: true }).notNullable();
    table
      .text('event')
      .notNullable()
      .comment('The canonical JSON that was hashed, byte for byte');
    table.string('prev_hash', 64).notNullable();
    table.string('hash', 64).notNullable();
    table.index(['entity_ref', 'seq'], 'deployments_audit_entity_idx');
    table.index(['occurred_at'], 'deployments_audit_occurred_idx');
  });

  await knex.schema.createTable('deployments_audit_head', table => {
    table.comment(
      'The end of the audit chain; every append locks and moves this one row',
    );
    table.integer('id').primary();
    table.bigInteger('last_seq').notNullable();
    table.string('last_hash', 64).notNullable();
    table.bigInteger('appends').notNullable().defaultTo(0);
  });
  await knex('deployments_audit_head').insert({
    id: 1,
    last_seq: 0,
    last_hash: GENESIS_HASH,
    appends: 0,
  });

  // The database refuses changes to audit rows. Whoever can disable a trigger can still
  // change them; the hash chain is what shows it (GET /audit/verify).
  if (isPostgres(knex)) {
    await knex.raw(`
      CREATE FUNCTION deployments_audit_append_only() RETURNS trigger AS $$
      BEGIN
        RAISE EXCEPTION 'deployments_audit is append-only';
      END;
      $$ LANGUAGE plpgsql`);
    await knex.raw(`
      CREATE TRIGGER deployments_audit_append_only
      BEFORE UPDATE OR DELETE ON deployments_audit
      FOR EACH ROW EXECUTE FUNCTION deployments_audit_append_only()`);
    await knex.raw(`
      CREATE TRIGGER deployments_audit_no_truncate
      BEFORE TRUNCATE ON deployments_audit
      FOR EACH STATEMENT EXECUTE FUNCTION deployments_audit_append_only()`);
  } else if (isSqlite(knex)) {
    for (const operation of ['UPDATE', 'DELETE']) {
      await knex.raw(`
        CREATE TRIGGER deployments_audit_no_${operation.toLowerCase()}
        BEFORE ${operation} ON deployments_audit
        BEGIN
          SELECT RAISE(ABORT, 'deployments_audit is append-only');
        END`);
    }
  }
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  if (isPostgres(knex)) {
    await knex.raw(
      'DROP TRIGGER IF EXISTS deployments_audit_no_truncate ON deployments_audit',
    );
    await knex.raw(
      'DROP TRIGGER IF EXISTS deployments_audit_append_only ON deployments_audit',
    );
    await knex.raw('DROP FUNCTION IF EXISTS deployments_audit_append_only()');
  } else if (isSqlite(knex)) {
    await knex.raw('DROP TRIGGER IF EXISTS deployments_audit_no_update');
    await knex.raw('DROP TRIGGER IF EXISTS deployments_audit_no_delete');
  }
  await knex.schema.dropTable('deployments_audit_head');
  await knex.schema.dropTable('deployments_audit');
  await knex.schema.dropTable('deployments_runs');
  await knex.schema.dropTable('deployments_versions');
};
