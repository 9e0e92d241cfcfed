import { Migration } from "@medusajs/framework/mikro-orm/migrations"

/**
 * The ledger's two invariants in the database: postings and entries are append-only (a wrong booking is
 * reversed by another posting), and every posting balances — checked by a deferred constraint trigger at
 * commit, when all entries of the posting are there.
 */
export class Migration20261204163300 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      CREATE OR REPLACE FUNCTION billing_ledger_append_only() RETURNS trigger AS $$
      BEGIN
        RAISE EXCEPTION '%: the ledger is append-only; book a reversal instead', TG_TABLE_NAME USING ERRCODE = 'check_violation';
      END $$ LANGUAGE plpgsql;
    `)
    for (const table of ["billing_ledger_posting", "billing_ledger_entry"]) {
      this.addSql(`DROP TRIGGER IF EXISTS ${table}_append_only ON ${table};`)
      this.addSql(`CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE ON ${table} FOR EACH ROW EXECUTE FUNCTION billing_ledger_append_only();`)
    }
    this.addSql(`
      CREATE OR REPLACE FUNCTION billing_ledger_posting_balanced() RETURNS trigger AS $$
      DECLARE total numeric;
      BEGIN
        SELECT COALESCE(SUM(amount), 0) INTO total FROM billing_ledger_entry WHERE posting_id = NEW.posting_id AND deleted_at IS NULL;
        IF total <> 0 THEN
          RAISE EXCEPTION 'billing_ledger_posting %: entries sum to %, not 0', NEW.posting_id, total USING ERRCODE = 'check_violation';
        END IF;
        RETURN NULL;
      END $$ LANGUAGE plpgsql;
    `)
    this.addSql(`DROP TRIGGER IF EXISTS billing_ledger_posting_balanced ON billing_ledger_entry;`)
    this.addSql(`
      CREATE CONSTRAINT TRIGGER billing_ledger_posting_balanced AFTER INSERT ON billing_ledger_entry
      DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION billing_ledger_posting_balanced();
    `)
  }

  override async down(): Promise<void> {
    this.addSql(`DROP TRIGGER IF EXISTS billing_ledger_posting_balanced ON billing_ledger_entry;`)
    this.addSql(`DROP TRIGGER IF EXISTS billing_ledger_posting_append_only ON billing_ledger_posting;`)
    this.addSql(`DROP TRIGGER IF EXISTS billing_ledger_entry_append_only ON billing_ledger_entry;`)
    this.addSql(`DROP FUNCTION IF EXISTS billing_ledger_posting_balanced();`)
    this.addSql(`DROP FUNCTION IF EXISTS billing_ledger_append_only();`)
  }
}
