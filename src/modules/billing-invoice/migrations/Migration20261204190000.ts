import { Migration } from "@medusajs/framework/mikro-orm/migrations"

/**
 * Lines and tax totals join only draft invoices — checked once per INSERT statement over all new rows (a
 * transition table) instead of once per row: a billing run inserts hundreds of thousands of lines, and the
 * per-row PL/pgSQL call was a measurable part of it. Updates and deletes keep the per-row check of
 * Migration20261204163300 (they are rare and must see both the old and the new parent).
 */
export class Migration20261204190000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      CREATE OR REPLACE FUNCTION billing_invoice_children_insert_immutable() RETURNS trigger AS $$
      DECLARE parent_id text;
      BEGIN
        SELECT n.invoice_id INTO parent_id
          FROM new_rows n JOIN billing_invoice i ON i.id = n.invoice_id
         WHERE i.status <> 'draft'
         LIMIT 1;
        IF parent_id IS NOT NULL THEN
          RAISE EXCEPTION '%: the invoice % is issued; its lines and totals cannot change', TG_TABLE_NAME, parent_id
            USING ERRCODE = 'check_violation';
        END IF;
        RETURN NULL;
      END $$ LANGUAGE plpgsql;
    `)
    for (const table of ["billing_invoice_line", "billing_invoice_tax_total"]) {
      this.addSql(`DROP TRIGGER IF EXISTS ${table}_immutable ON ${table};`)
      this.addSql(
        `CREATE TRIGGER ${table}_immutable BEFORE UPDATE OR DELETE ON ${table} FOR EACH ROW EXECUTE FUNCTION billing_invoice_children_immutable();`
      )
      this.addSql(`DROP TRIGGER IF EXISTS ${table}_insert_immutable ON ${table};`)
      this.addSql(
        `CREATE TRIGGER ${table}_insert_immutable AFTER INSERT ON ${table} REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION billing_invoice_children_insert_immutable();`
      )
    }
  }

  override async down(): Promise<void> {
    for (const table of ["billing_invoice_line", "billing_invoice_tax_total"]) {
      this.addSql(`DROP TRIGGER IF EXISTS ${table}_insert_immutable ON ${table};`)
      this.addSql(`DROP TRIGGER IF EXISTS ${table}_immutable ON ${table};`)
      this.addSql(
        `CREATE TRIGGER ${table}_immutable BEFORE INSERT OR UPDATE OR DELETE ON ${table} FOR EACH ROW EXECUTE FUNCTION billing_invoice_children_immutable();`
      )
    }
    this.addSql(`DROP FUNCTION IF EXISTS billing_invoice_children_insert_immutable();`)
  }
}
