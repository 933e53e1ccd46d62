// @ts-check

/**
 * Levels over time. Levels are only stored as the latest value per entity, so the store adds
 * a row here whenever an entity appears, changes level or owner, or leaves the catalog; the
 * trend of levels is replayed from these rows.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('compliance_level_history', table => {
    table.comment(
      'A row when an entity appears, changes level or owner, or is removed',
    );
    table.bigIncrements('id').primary();
    table.string('entity_ref', 255).notNullable();
    table.string('owner_ref', 255).nullable();
    table.string('level', 64).nullable().comment('null: no level reached');
    table
      .boolean('removed')
      .notNullable()
      .defaultTo(false)
      .comment('The entity left the catalog (or the evaluated kinds)');
    table.timestamp('changed_at', { useTz: true }).notNullable();
    table.index(['changed_at'], 'compliance_level_history_changed_idx');
    table.index(
      ['entity_ref', 'changed_at'],
      'compliance_level_history_entity_idx',
    );
    table.index(['owner_ref'], 'compliance_level_history_owner_idx');
  });

  // Entities evaluated before this table existed start at their current level, from the
  // last time their row changed: the best that is known about them.
  await knex.raw(
    `insert into compliance_level_history (entity_ref, owner_ref, level, changed_at)
     select entity_ref, owner_ref, level, changed_at from compliance_entities`,
  );
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('compliance_level_history');
};
