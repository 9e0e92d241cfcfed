import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261204153437 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "billing_contract_number_sequence" drop constraint if exists "billing_contract_number_sequence_project_id_unique";`);
    this.addSql(`alter table if exists "billing_activity" drop constraint if exists "billing_activity_item_period_unique";`);
    this.addSql(`alter table if exists "billing_contract" drop constraint if exists "billing_contract_project_id_number_unique";`);
    this.addSql(`create table if not exists "billing_contract" ("id" text not null, "number" text not null, "project_id" text not null, "customer_id" text not null, "status" text check ("status" in ('draft', 'active', 'cancelled', 'ended')) not null default 'draft', "currency_code" text not null, "start_date" text not null, "end_date" text null, "interval_count" integer not null default 1, "interval_unit" text check ("interval_unit" in ('DAY', 'WEEK', 'MONTH', 'YEAR')) not null, "billing_mode" text check ("billing_mode" in ('advance', 'arrears')) not null default 'advance', "minimum_term_count" integer null, "minimum_term_unit" text check ("minimum_term_unit" in ('DAY', 'WEEK', 'MONTH', 'YEAR')) null, "renewal_term_count" integer null, "renewal_term_unit" text check ("renewal_term_unit" in ('DAY', 'WEEK', 'MONTH', 'YEAR')) null, "notice_period_count" integer null, "notice_period_unit" text check ("notice_period_unit" in ('DAY', 'WEEK', 'MONTH', 'YEAR')) null, "billed_until" text null, "payment_method" text check ("payment_method" in ('invoice', 'sepa_debit', 'card')) not null default 'invoice', "activated_at" timestamptz null, "cancelled_at" timestamptz null, "cancellation_received_on" text null, "ended_at" timestamptz null, "metadata" jsonb null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "billing_contract_pkey" primary key ("id"), constraint billing_contract_start_date_iso check (start_date ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}\$'), constraint billing_contract_end_date_iso check (end_date IS NULL OR end_date ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}\$'), constraint billing_contract_billed_until_iso check (billed_until IS NULL OR billed_until ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}\$'), constraint billing_contract_end_after_start check (end_date IS NULL OR end_date >= start_date), constraint billing_contract_interval_positive check (interval_count >= 1));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_billing_contract_deleted_at" ON "billing_contract" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_billing_contract_project_id_number_unique" ON "billing_contract" ("project_id", "number") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_billing_contract_customer_id" ON "billing_contract" ("customer_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_billing_contract_status" ON "billing_contract" ("status") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "billing_activity" ("id" text not null, "contract_item_id" text null, "article_id" text not null, "origin" text check ("origin" in ('SUBSCRIPTION', 'ONE_TIME', 'USAGE', 'MANUAL')) not null, "kind" text check ("kind" in ('charge', 'credit')) not null default 'charge', "seq" integer not null default 0, "description" text null, "period_start" text not null, "period_end" text not null, "service_from" text not null, "service_to" text not null, "due_date" text not null, "quantity" numeric not null, "unit_price" numeric not null, "amount" numeric not null, "currency_code" text not null, "price_variant_id" text null, "invoice_id" text null, "billed_at" timestamptz null, "contract_id" text not null, "raw_quantity" jsonb not null, "raw_unit_price" jsonb not null, "raw_amount" jsonb not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "billing_activity_pkey" primary key ("id"), constraint billing_activity_period_start_iso check (period_start ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}\$'), constraint billing_activity_service_from_iso check (service_from ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}\$'), constraint billing_activity_due_date_iso check (due_date ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}\$'), constraint billing_activity_service_range check (service_to >= service_from));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_billing_activity_contract_id" ON "billing_activity" ("contract_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_billing_activity_deleted_at" ON "billing_activity" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_billing_activity_item_period_unique" ON "billing_activity" ("contract_item_id", "kind", "service_from", "seq") WHERE deleted_at IS NULL AND contract_item_id IS NOT NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_billing_activity_contract_id_due_date" ON "billing_activity" ("contract_id", "due_date") WHERE deleted_at IS NULL AND invoice_id IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_billing_activity_invoice_id" ON "billing_activity" ("invoice_id") WHERE deleted_at IS NULL AND invoice_id IS NOT NULL;`);

    this.addSql(`create table if not exists "billing_contract_item" ("id" text not null, "article_id" text not null, "quantity" integer not null default 1, "valid_from" text not null, "valid_to" text null, "billing_from" text null, "custom_unit_price" numeric null, "description" text null, "contract_id" text not null, "raw_custom_unit_price" jsonb null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "billing_contract_item_pkey" primary key ("id"), constraint billing_contract_item_valid_from_iso check (valid_from ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}\$'), constraint billing_contract_item_valid_to_iso check (valid_to IS NULL OR valid_to ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}\$'), constraint billing_contract_item_billing_from_iso check (billing_from IS NULL OR billing_from ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}\$'), constraint billing_contract_item_range check (valid_to IS NULL OR valid_to >= valid_from), constraint billing_contract_item_quantity_positive check (quantity >= 1), constraint billing_contract_item_price_non_negative check (custom_unit_price IS NULL OR custom_unit_price >= 0));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_billing_contract_item_contract_id" ON "billing_contract_item" ("contract_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_billing_contract_item_deleted_at" ON "billing_contract_item" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_billing_contract_item_article_id" ON "billing_contract_item" ("article_id") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "billing_contract_number_sequence" ("id" text not null, "project_id" text not null, "last_value" integer not null default 0, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "billing_contract_number_sequence_pkey" primary key ("id"));`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_billing_contract_number_sequence_project_id_unique" ON "billing_contract_number_sequence" ("project_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_billing_contract_number_sequence_deleted_at" ON "billing_contract_number_sequence" ("deleted_at") WHERE deleted_at IS NULL;`);

    this.addSql(`alter table if exists "billing_activity" add constraint "billing_activity_contract_id_foreign" foreign key ("contract_id") references "billing_contract" ("id") on update cascade;`);

    this.addSql(`alter table if exists "billing_contract_item" add constraint "billing_contract_item_contract_id_foreign" foreign key ("contract_id") references "billing_contract" ("id") on update cascade on delete cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table if exists "billing_activity" drop constraint if exists "billing_activity_contract_id_foreign";`);

    this.addSql(`alter table if exists "billing_contract_item" drop constraint if exists "billing_contract_item_contract_id_foreign";`);

    this.addSql(`drop table if exists "billing_contract" cascade;`);

    this.addSql(`drop table if exists "billing_activity" cascade;`);

    this.addSql(`drop table if exists "billing_contract_item" cascade;`);

    this.addSql(`drop table if exists "billing_contract_number_sequence" cascade;`);
  }

}
