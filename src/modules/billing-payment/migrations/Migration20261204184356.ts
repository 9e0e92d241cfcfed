import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261204184356 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "billing_bank_known_iban" drop constraint if exists "billing_bank_known_iban_unique";`);
    this.addSql(`alter table if exists "billing_bank_account" drop constraint if exists "billing_bank_account_iban_unique";`);
    this.addSql(`create table if not exists "billing_bank_account" ("id" text not null, "iban" text not null, "bic" text null, "name" text not null, "currency_code" text not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "billing_bank_account_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_billing_bank_account_deleted_at" ON "billing_bank_account" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_billing_bank_account_iban_unique" ON "billing_bank_account" ("iban") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "billing_bank_known_iban" ("id" text not null, "iban" text not null, "customer_id" text not null, "source" text check ("source" in ('booking', 'manual')) not null, "last_transaction_id" text null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "billing_bank_known_iban_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_billing_bank_known_iban_deleted_at" ON "billing_bank_known_iban" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_billing_bank_known_iban_unique" ON "billing_bank_known_iban" ("iban", "customer_id") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "billing_bank_statement" ("id" text not null, "bank_account_id" text not null, "source" text not null, "file_name" text null, "file_sha256" text not null, "format" text check ("format" in ('camt.053', 'camt.054', 'mt940', 'csv')) not null, "message_id" text null, "statement_reference" text null, "currency_code" text not null, "from_date" text null, "to_date" text null, "opening_balance" numeric null, "closing_balance" numeric null, "transactions_in_file" integer not null default 0, "transactions_added" integer not null default 0, "duplicates_skipped" integer not null default 0, "entries_skipped" integer not null default 0, "raw_opening_balance" jsonb null, "raw_closing_balance" jsonb null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "billing_bank_statement_pkey" primary key ("id"), constraint billing_bank_statement_from_date_iso check (from_date IS NULL OR from_date ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}\$'), constraint billing_bank_statement_to_date_iso check (to_date IS NULL OR to_date ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}\$'));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_billing_bank_statement_deleted_at" ON "billing_bank_statement" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_billing_bank_statement_bank_account_id" ON "billing_bank_statement" ("bank_account_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_billing_bank_statement_source_created_at" ON "billing_bank_statement" ("source", "created_at") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "billing_bank_transaction" ("id" text not null, "bank_account_id" text not null, "statement_id" text not null, "dedupe_key" text not null, "entry_index" integer not null, "transaction_index" integer not null, "entry_reference" text null, "booking_date" text not null, "value_date" text null, "amount" numeric not null, "direction" text check ("direction" in ('credit', 'debit')) not null, "currency_code" text not null, "reversal" boolean not null default false, "bank_transaction_code" text null, "end_to_end_id" text null, "mandate_id" text null, "creditor_id" text null, "account_servicer_reference" text null, "remittance_text" text not null, "structured_reference" text null, "counterparty_name" text null, "counterparty_iban" text null, "counterparty_bic" text null, "return_reason" text null, "fee_amount" numeric null, "kind" text check ("kind" in ('payment', 'return', 'other')) not null, "status" text check ("status" in ('new', 'review', 'unmatched', 'booked', 'ignored', 'returned')) not null default 'new', "confidence" real null, "customer_id" text null, "suggestions" jsonb null, "note" text null, "returns_transaction_id" text null, "matched_at" timestamptz null, "raw_amount" jsonb not null, "raw_fee_amount" jsonb null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "billing_bank_transaction_pkey" primary key ("id"), constraint billing_bank_transaction_booking_date_iso check (booking_date ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}\$'), constraint billing_bank_transaction_value_date_iso check (value_date IS NULL OR value_date ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}\$'), constraint billing_bank_transaction_amount_positive check (amount > 0));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_billing_bank_transaction_deleted_at" ON "billing_bank_transaction" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_billing_bank_transaction_dedupe" ON "billing_bank_transaction" ("bank_account_id", "dedupe_key") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_billing_bank_transaction_status_booking_date" ON "billing_bank_transaction" ("status", "booking_date") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_billing_bank_transaction_statement_id" ON "billing_bank_transaction" ("statement_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_billing_bank_transaction_end_to_end_id" ON "billing_bank_transaction" ("end_to_end_id") WHERE deleted_at IS NULL AND end_to_end_id IS NOT NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_billing_bank_transaction_mandate_id" ON "billing_bank_transaction" ("mandate_id") WHERE deleted_at IS NULL AND mandate_id IS NOT NULL;`);

    this.addSql(`create table if not exists "billing_bank_booking" ("id" text not null, "transaction_id" text not null, "seq" integer not null, "kind" text check ("kind" in ('auto', 'manual', 'return')) not null, "customer_id" text null, "created_by" text null, "posted_at" timestamptz null, "reversed_at" timestamptz null, "reversal_reason" text null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "billing_bank_booking_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_billing_bank_booking_transaction_id" ON "billing_bank_booking" ("transaction_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_billing_bank_booking_deleted_at" ON "billing_bank_booking" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_billing_bank_booking_once" ON "billing_bank_booking" ("transaction_id") WHERE deleted_at IS NULL AND reversed_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_billing_bank_booking_seq" ON "billing_bank_booking" ("transaction_id", "seq") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_billing_bank_booking_posted_at" ON "billing_bank_booking" ("posted_at") WHERE deleted_at IS NULL AND posted_at IS NULL;`);

    this.addSql(`create table if not exists "billing_bank_allocation" ("id" text not null, "transaction_id" text not null, "position" integer not null, "kind" text check ("kind" in ('invoice', 'credit', 'fee')) not null, "invoice_id" text null, "customer_id" text not null, "currency_code" text not null, "amount" numeric not null, "write_off_amount" numeric not null default 0, "end_to_end_id" text null, "fee_counter_account" text check ("fee_counter_account" in ('bank', 'fees')) null, "invoice_number" text null, "reversed_at" timestamptz null, "reversed_by_transaction_id" text null, "reversed_by" text null, "reversal_reason" text null, "reversal_booking_date" text null, "reversal_posted_at" timestamptz null, "booking_id" text not null, "raw_amount" jsonb not null, "raw_write_off_amount" jsonb not null default '{"value":"0","precision":20}', "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "billing_bank_allocation_pkey" primary key ("id"), constraint billing_bank_allocation_amount_positive check (amount > 0), constraint billing_bank_allocation_reversal_date_iso check (reversal_booking_date IS NULL OR reversal_booking_date ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}\$'));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_billing_bank_allocation_booking_id" ON "billing_bank_allocation" ("booking_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_billing_bank_allocation_deleted_at" ON "billing_bank_allocation" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_billing_bank_allocation_transaction_id" ON "billing_bank_allocation" ("transaction_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_billing_bank_allocation_invoice_id" ON "billing_bank_allocation" ("invoice_id") WHERE deleted_at IS NULL AND invoice_id IS NOT NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_billing_bank_allocation_end_to_end_id" ON "billing_bank_allocation" ("end_to_end_id") WHERE deleted_at IS NULL AND end_to_end_id IS NOT NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_billing_bank_allocation_position" ON "billing_bank_allocation" ("booking_id", "position") WHERE deleted_at IS NULL;`);

    this.addSql(`alter table if exists "billing_bank_booking" add constraint "billing_bank_booking_transaction_id_foreign" foreign key ("transaction_id") references "billing_bank_transaction" ("id") on update cascade;`);

    this.addSql(`alter table if exists "billing_bank_allocation" add constraint "billing_bank_allocation_booking_id_foreign" foreign key ("booking_id") references "billing_bank_booking" ("id") on update cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table if exists "billing_bank_booking" drop constraint if exists "billing_bank_booking_transaction_id_foreign";`);

    this.addSql(`alter table if exists "billing_bank_allocation" drop constraint if exists "billing_bank_allocation_booking_id_foreign";`);

    this.addSql(`drop table if exists "billing_bank_account" cascade;`);

    this.addSql(`drop table if exists "billing_bank_known_iban" cascade;`);

    this.addSql(`drop table if exists "billing_bank_statement" cascade;`);

    this.addSql(`drop table if exists "billing_bank_transaction" cascade;`);

    this.addSql(`drop table if exists "billing_bank_booking" cascade;`);

    this.addSql(`drop table if exists "billing_bank_allocation" cascade;`);
  }

}
