// @ts-check

/**
 * A revision counter bumped by every write to results and entities, so that the replica
 * running the sweep can keep the last stored state in memory and reuse it while no one else
 * has written.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('compliance_state', table => {
    table.comment(
      'Single row: the revision of compliance_results and compliance_entities',
    );
    table.integer('id').primary();
    table.bigInteger('revision').notNullable();
  });
  await knex('compliance_state').insert({ id: 1, revision: 0 });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('compliance_state');
};
