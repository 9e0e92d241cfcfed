import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261204163236 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "billing_ledger_posting" drop constraint if exists "billing_ledger_posting_idempotency_key_unique";`);
    this.addSql(`alter table if exists "billing_ledger_account" drop constraint if exists "billing_ledger_account_code_unique";`);
    this.addSql(`create table if not exists "billing_ledger_account" ("id" text not null, "code" text not null, "kind" text check ("kind" in ('customer', 'revenue', 'vat', 'bank', 'cash_discount', 'write_off', 'fees', 'manual')) not null, "currency_code" text not null, "customer_id" text null, "tax_rate" text null, "tax_category" text null, "name" text not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "billing_ledger_account_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_billing_ledger_account_deleted_at" ON "billing_ledger_account" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_billing_ledger_account_code_unique" ON "billing_ledger_account" ("code") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_billing_ledger_account_customer_id" ON "billing_ledger_account" ("customer_id") WHERE deleted_at IS NULL AND customer_id IS NOT NULL;`);

    this.addSql(`create table if not exists "billing_ledger_posting" ("id" text not null, "idempotency_key" text not null, "kind" text check ("kind" in ('invoice', 'cancellation', 'payment', 'manual', 'write_off', 'fee', 'reversal', 'credit_offset')) not null, "booking_date" text not null, "currency_code" text not null, "customer_id" text null, "reference_type" text null, "reference_id" text null, "description" text not null, "reason" text null, "created_by" text null, "reverses_posting_id" text null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "billing_ledger_posting_pkey" primary key ("id"), constraint billing_ledger_posting_booking_date_iso check (booking_date ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}\$'));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_billing_ledger_posting_deleted_at" ON "billing_ledger_posting" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_billing_ledger_posting_idempotency_key_unique" ON "billing_ledger_posting" ("idempotency_key") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_billing_ledger_posting_customer_id_booking_date" ON "billing_ledger_posting" ("customer_id", "booking_date") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_billing_ledger_posting_reference_type_reference_id" ON "billing_ledger_posting" ("reference_type", "reference_id") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "billing_ledger_entry" ("id" text not null, "amount" numeric not null, "currency_code" text not null, "invoice_id" text null, "posting_id" text not null, "account_id" text not null, "raw_amount" jsonb not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "billing_ledger_entry_pkey" primary key ("id"), constraint billing_ledger_entry_not_zero check (amount <> 0));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_billing_ledger_entry_posting_id" ON "billing_ledger_entry" ("posting_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_billing_ledger_entry_account_id" ON "billing_ledger_entry" ("account_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_billing_ledger_entry_deleted_at" ON "billing_ledger_entry" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_billing_ledger_entry_invoice_id" ON "billing_ledger_entry" ("invoice_id") WHERE deleted_at IS NULL AND invoice_id IS NOT NULL;`);

    this.addSql(`alter table if exists "billing_ledger_entry" add constraint "billing_ledger_entry_posting_id_foreign" foreign key ("posting_id") references "billing_ledger_posting" ("id") on update cascade;`);
    this.addSql(`alter table if exists "billing_ledger_entry" add constraint "billing_ledger_entry_account_id_foreign" foreign key ("account_id") references "billing_ledger_account" ("id") on update cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table if exists "billing_ledger_entry" drop constraint if exists "billing_ledger_entry_account_id_foreign";`);

    this.addSql(`alter table if exists "billing_ledger_entry" drop constraint if exists "billing_ledger_entry_posting_id_foreign";`);

    this.addSql(`drop table if exists "billing_ledger_account" cascade;`);

    this.addSql(`drop table if exists "billing_ledger_posting" cascade;`);

    this.addSql(`drop table if exists "billing_ledger_entry" cascade;`);
  }

}
