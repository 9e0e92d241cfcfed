import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261204181140 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "billing_contract" add column if not exists "next_due_date" text null;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_billing_contract_next_due_date" ON "billing_contract" ("next_due_date") WHERE deleted_at IS NULL;`);
    this.addSql(`alter table if exists "billing_contract" add constraint billing_contract_next_due_date_iso check(next_due_date IS NULL OR next_due_date ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}\$');`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index if exists "IDX_billing_contract_next_due_date";`);
    this.addSql(`alter table if exists "billing_contract" drop constraint if exists billing_contract_next_due_date_iso;`);
    this.addSql(`alter table if exists "billing_contract" drop column if exists "next_due_date";`);
  }

}
