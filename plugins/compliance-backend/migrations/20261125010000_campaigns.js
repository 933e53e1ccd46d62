// @ts-check

/**
 * Compliance campaigns: checks, an entity filter and a deadline.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('compliance_campaigns', table => {
    table.comment('Compliance campaigns and the notifications already sent');
    table.string('id', 36).primary();
    table.string('title', 255).notNullable();
    table.text('description').notNullable();
    table.text('check_ids').notNullable().comment('JSON array of check ids');
    table
      .text('filter')
      .notNullable()
      .comment('JSON object: kind, type, lifecycle, ownerRef');
    table.timestamp('deadline', { useTz: true }).notNullable();
    table.string('created_by', 255).notNullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.string('status', 16).notNullable();
    table.timestamp('ended_at', { useTz: true }).nullable();
    table.string('ended_by', 255).nullable();
    // Each notification is claimed by setting its column before it is sent, so a restart
    // or a second replica never sends it twice.
    table.timestamp('start_notified_at', { useTz: true }).nullable();
    table.timestamp('reminder_7d_sent_at', { useTz: true }).nullable();
    table.timestamp('reminder_1d_sent_at', { useTz: true }).nullable();
    table.index(['status', 'deadline'], 'compliance_campaigns_status_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('compliance_campaigns');
};
