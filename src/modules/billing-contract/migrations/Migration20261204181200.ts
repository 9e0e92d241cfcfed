import { Migration } from "@medusajs/framework/mikro-orm/migrations"

/**
 * Keeps the billing run's watermark (`billing_contract.next_due_date`) honest: any change to a contract, to
 * one of its items, or deleting/releasing one of its activities clears it, so the next run recomputes the
 * contract. It also bumps the contract's `updated_at`, which the run compares before it stores a new
 * watermark — a change made while a run was computing is never covered by a stale date.
 */
export class Migration20261204181200 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      CREATE OR REPLACE FUNCTION billing_contract_clear_next_due() RETURNS trigger AS $$
      BEGIN
        NEW.next_due_date := NULL;
        RETURN NEW;
      END $$ LANGUAGE plpgsql;
    `)
    // Fires for every update except the run's own, which changes next_due_date (it always moves it forward).
    this.addSql(`DROP TRIGGER IF EXISTS billing_contract_clear_next_due ON billing_contract;`)
    this.addSql(`
      CREATE TRIGGER billing_contract_clear_next_due BEFORE UPDATE ON billing_contract FOR EACH ROW
      WHEN (OLD.next_due_date IS NOT DISTINCT FROM NEW.next_due_date AND OLD.next_due_date IS NOT NULL)
      EXECUTE FUNCTION billing_contract_clear_next_due();
    `)
    this.addSql(`
      CREATE OR REPLACE FUNCTION billing_contract_child_changed() RETURNS trigger AS $$
      BEGIN
        UPDATE billing_contract SET next_due_date = NULL, updated_at = clock_timestamp()
         WHERE id IN (
           CASE WHEN TG_OP IN ('UPDATE', 'DELETE') THEN OLD.contract_id END,
           CASE WHEN TG_OP IN ('INSERT', 'UPDATE') THEN NEW.contract_id END
         );
        RETURN NULL;
      END $$ LANGUAGE plpgsql;
    `)
    this.addSql(`DROP TRIGGER IF EXISTS billing_contract_item_changed ON billing_contract_item;`)
    this.addSql(`
      CREATE TRIGGER billing_contract_item_changed AFTER INSERT OR UPDATE OR DELETE ON billing_contract_item
      FOR EACH ROW EXECUTE FUNCTION billing_contract_child_changed();
    `)
    // Activities are written by the run itself (insert, mark billed); only removing one changes the calendar.
    this.addSql(`DROP TRIGGER IF EXISTS billing_activity_removed ON billing_activity;`)
    this.addSql(`
      CREATE TRIGGER billing_activity_removed AFTER UPDATE OF deleted_at ON billing_activity FOR EACH ROW
      WHEN (OLD.deleted_at IS DISTINCT FROM NEW.deleted_at)
      EXECUTE FUNCTION billing_contract_child_changed();
    `)
    this.addSql(`DROP TRIGGER IF EXISTS billing_activity_deleted ON billing_activity;`)
    this.addSql(`
      CREATE TRIGGER billing_activity_deleted AFTER DELETE ON billing_activity
      FOR EACH ROW EXECUTE FUNCTION billing_contract_child_changed();
    `)
  }

  override async down(): Promise<void> {
    this.addSql(`DROP TRIGGER IF EXISTS billing_activity_deleted ON billing_activity;`)
    this.addSql(`DROP TRIGGER IF EXISTS billing_activity_removed ON billing_activity;`)
    this.addSql(`DROP TRIGGER IF EXISTS billing_contract_item_changed ON billing_contract_item;`)
    this.addSql(`DROP TRIGGER IF EXISTS billing_contract_clear_next_due ON billing_contract;`)
    this.addSql(`DROP FUNCTION IF EXISTS billing_contract_child_changed();`)
    this.addSql(`DROP FUNCTION IF EXISTS billing_contract_clear_next_due();`)
  }
}
