// @ts-check

/**
 * When each entity was first evaluated. The status history then needs no row for a first
 * evaluation (a first result is not a change): a campaign's burn-up starts each entity at
 * this time, with the status each check had before its first recorded change.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('compliance_entities', table => {
    table
      .timestamp('first_evaluated_at', { useTz: true })
      .nullable()
      .comment('The first evaluation of the entity since it (re)appeared');
  });
  // Entities evaluated before this column existed: their first level history row, which is
  // written when an entity appears; else the last time their row changed.
  await knex.raw(
    `update compliance_entities set first_evaluated_at = coalesce(
       (select min(h.changed_at) from compliance_level_history h
         where h.entity_ref = compliance_entities.entity_ref and h.removed = ?),
       changed_at)`,
    [false],
  );
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('compliance_entities', table => {
    table.dropColumn('first_evaluated_at');
  });
};
