// @ts-check

/**
 * What the catch-up at start compares the catalog with, so that changes whose events were
 * lost (the backend stopped before it evaluated them) are evaluated at the next start:
 *
 * - per evaluated entity, the catalog's `metadata.etag` of the entity it was evaluated
 *   from (written with its evaluation, only when it changed);
 * - per Group, User and System, the etag it had when what it affects was last evaluated.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('compliance_entities', table => {
    // Text: catalog data is untrusted, and an entity's source may set a long etag of its own.
    table
      .text('catalog_etag')
      .nullable()
      .comment(
        'metadata.etag of the catalog entity it was evaluated from; null: evaluated before it was recorded',
      );
  });
  await knex.schema.createTable('compliance_related_etags', table => {
    table.comment(
      'Groups, users and systems as of the last catch-up: what each one affects was evaluated when it had this etag',
    );
    table.string('entity_ref', 255).primary().comment('Lower-case ref');
    table.text('catalog_etag').notNullable();
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('compliance_related_etags');
  await knex.schema.alterTable('compliance_entities', table => {
    table.dropColumn('catalog_etag');
  });
};
