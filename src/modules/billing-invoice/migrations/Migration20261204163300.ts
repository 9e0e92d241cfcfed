import { Migration } from "@medusajs/framework/mikro-orm/migrations"

/**
 * Issued documents are immutable (GoBD, §14 UStG), enforced in the database so that no code path — not a
 * bug, not a hand-written UPDATE — can change one. Allowed on an issued invoice: becoming cancelled (once)
 * and getting its PDF attached (once). Lines and tax totals of a non-draft invoice cannot change at all.
 */
export class Migration20261204163300 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      CREATE OR REPLACE FUNCTION billing_invoice_immutable() RETURNS trigger AS $$
      BEGIN
        IF OLD.status = 'draft' THEN
          RETURN COALESCE(NEW, OLD);
        END IF;
        IF TG_OP = 'DELETE' THEN
          RAISE EXCEPTION 'billing_invoice %: an issued invoice cannot be deleted', OLD.id USING ERRCODE = 'check_violation';
        END IF;
        IF (to_jsonb(NEW) - 'status' - 'cancelled_by_invoice_id' - 'document_file_id' - 'updated_at')
             IS DISTINCT FROM (to_jsonb(OLD) - 'status' - 'cancelled_by_invoice_id' - 'document_file_id' - 'updated_at')
           OR (NEW.status <> OLD.status AND NOT (OLD.status = 'issued' AND NEW.status = 'cancelled'))
           OR (OLD.cancelled_by_invoice_id IS NOT NULL AND NEW.cancelled_by_invoice_id IS DISTINCT FROM OLD.cancelled_by_invoice_id)
           OR (OLD.document_file_id IS NOT NULL AND NEW.document_file_id IS DISTINCT FROM OLD.document_file_id) THEN
          RAISE EXCEPTION 'billing_invoice %: an issued invoice is immutable; correct it with a cancellation', OLD.id USING ERRCODE = 'check_violation';
        END IF;
        RETURN NEW;
      END $$ LANGUAGE plpgsql;
    `)
    this.addSql(`DROP TRIGGER IF EXISTS billing_invoice_immutable ON billing_invoice;`)
    this.addSql(`CREATE TRIGGER billing_invoice_immutable BEFORE UPDATE OR DELETE ON billing_invoice FOR EACH ROW EXECUTE FUNCTION billing_invoice_immutable();`)

    this.addSql(`
      CREATE OR REPLACE FUNCTION billing_invoice_children_immutable() RETURNS trigger AS $$
      DECLARE parent_id text;
      BEGIN
        -- The invoice a row leaves (UPDATE/DELETE) and the one it joins (INSERT/UPDATE) must both be drafts.
        FOREACH parent_id IN ARRAY ARRAY[
          CASE WHEN TG_OP IN ('UPDATE', 'DELETE') THEN OLD.invoice_id END,
          CASE WHEN TG_OP IN ('INSERT', 'UPDATE') THEN NEW.invoice_id END
        ] LOOP
          IF parent_id IS NOT NULL AND EXISTS (SELECT 1 FROM billing_invoice WHERE id = parent_id AND status <> 'draft') THEN
            RAISE EXCEPTION '%: the invoice % is issued; its lines and totals cannot change', TG_TABLE_NAME, parent_id
              USING ERRCODE = 'check_violation';
          END IF;
        END LOOP;
        RETURN COALESCE(NEW, OLD);
      END $$ LANGUAGE plpgsql;
    `)
    for (const table of ["billing_invoice_line", "billing_invoice_tax_total"]) {
      this.addSql(`DROP TRIGGER IF EXISTS ${table}_immutable ON ${table};`)
      this.addSql(
        `CREATE TRIGGER ${table}_immutable BEFORE INSERT OR UPDATE OR DELETE ON ${table} FOR EACH ROW EXECUTE FUNCTION billing_invoice_children_immutable();`
      )
    }
  }

  override async down(): Promise<void> {
    this.addSql(`DROP TRIGGER IF EXISTS billing_invoice_immutable ON billing_invoice;`)
    this.addSql(`DROP TRIGGER IF EXISTS billing_invoice_line_immutable ON billing_invoice_line;`)
    this.addSql(`DROP TRIGGER IF EXISTS billing_invoice_tax_total_immutable ON billing_invoice_tax_total;`)
    this.addSql(`DROP FUNCTION IF EXISTS billing_invoice_immutable();`)
    this.addSql(`DROP FUNCTION IF EXISTS billing_invoice_children_immutable();`)
  }
}
