// @ts-check

/**
 * Results, per-entity summaries, status history, exemptions and pushed external results.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('compliance_results', table => {
    table.comment('The latest status of each check for each entity');
    table.string('entity_ref', 255).notNullable();
    table.string('check_id', 255).notNullable();
    table.string('status', 32).notNullable();
    table.text('message').notNullable();
    table.text('remediation').nullable();
    table
      .timestamp('since', { useTz: true })
      .notNullable()
      .comment('When the check last changed to this status');
    table.primary(['entity_ref', 'check_id']);
    table.index(['check_id', 'status'], 'compliance_results_check_status_idx');
  });

  await knex.schema.createTable('compliance_entities', table => {
    table.comment('One row per evaluated entity: its owner, system and level');
    table.string('entity_ref', 255).primary();
    table.string('owner_ref', 255).nullable();
    table.string('system_ref', 255).nullable();
    table.string('domain_ref', 255).nullable();
    table.string('level', 64).nullable();
    table.integer('failing_count').notNullable().defaultTo(0);
    table.timestamp('changed_at', { useTz: true }).notNullable();
    table.index(['owner_ref'], 'compliance_entities_owner_idx');
    table.index(['system_ref'], 'compliance_entities_system_idx');
  });

  await knex.schema.createTable('compliance_history', table => {
    table.comment('A row only when a check changes status for an entity');
    table.bigIncrements('id').primary();
    table.string('entity_ref', 255).notNullable();
    table.string('check_id', 255).notNullable();
    table.string('from_status', 32).nullable();
    table.string('to_status', 32).notNullable();
    table.timestamp('changed_at', { useTz: true }).notNullable();
    table.index(['entity_ref', 'changed_at'], 'compliance_history_entity_idx');
    table.index(['changed_at'], 'compliance_history_changed_idx');
  });

  await knex.schema.createTable('compliance_exemptions', table => {
    table.comment('Exemption requests and their four-eyes decisions');
    table.string('id', 36).primary();
    table.string('entity_ref', 255).notNullable();
    table.string('check_id', 255).notNullable();
    table.text('reason').notNullable();
    table.string('status', 16).notNullable();
    table.string('requested_by', 255).notNullable();
    table.timestamp('requested_at', { useTz: true }).notNullable();
    table.timestamp('expires_at', { useTz: true }).notNullable();
    table.string('decided_by', 255).nullable();
    table.timestamp('decided_at', { useTz: true }).nullable();
    table.text('decision_comment').nullable();
    table.index(['entity_ref'], 'compliance_exemptions_entity_idx');
    table.index(['status', 'expires_at'], 'compliance_exemptions_status_idx');
  });

  await knex.schema.createTable('compliance_external_results', table => {
    table.comment('Results of external checks pushed by CI');
    table.string('entity_ref', 255).notNullable();
    table.string('check_id', 255).notNullable();
    table.string('status', 32).notNullable();
    table.text('message').notNullable();
    table.text('remediation').nullable();
    table.string('reported_by', 255).notNullable();
    table.timestamp('reported_at', { useTz: true }).notNullable();
    table.primary(['entity_ref', 'check_id']);
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('compliance_external_results');
  await knex.schema.dropTable('compliance_exemptions');
  await knex.schema.dropTable('compliance_history');
  await knex.schema.dropTable('compliance_entities');
  await knex.schema.dropTable('compliance_results');
};
