import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261204163238 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "billing_invoice_number_sequence" drop constraint if exists "billing_invoice_number_sequence_series_scope_unique";`);
    this.addSql(`alter table if exists "billing_invoice_number_log" drop constraint if exists "billing_invoice_number_log_project_id_number_unique";`);
    this.addSql(`alter table if exists "billing_invoice" drop constraint if exists "billing_invoice_number_unique";`);
    this.addSql(`create table if not exists "billing_invoice" ("id" text not null, "kind" text check ("kind" in ('invoice', 'cancellation')) not null default 'invoice', "status" text check ("status" in ('draft', 'issued', 'cancelled')) not null default 'draft', "number" text null, "project_id" text not null, "contract_id" text not null, "contract_number" text null, "customer_id" text not null, "cancels_invoice_id" text null, "cancelled_by_invoice_id" text null, "billing_run_id" text null, "currency_code" text not null, "locale" text not null default 'de', "issue_date" text null, "due_date" text null, "service_from" text not null, "service_to" text not null, "net_total" numeric not null, "tax_total" numeric not null, "gross_total" numeric not null, "credit_applied" numeric not null, "amount_due" numeric not null, "seller" jsonb not null, "buyer" jsonb not null, "notes" jsonb not null, "payment_terms" text null, "payment_term_days" integer not null default 14, "document_file_id" text null, "issued_at" timestamptz null, "raw_net_total" jsonb not null, "raw_tax_total" jsonb not null, "raw_gross_total" jsonb not null, "raw_credit_applied" jsonb not null, "raw_amount_due" jsonb not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "billing_invoice_pkey" primary key ("id"), constraint billing_invoice_issue_date_iso check (issue_date IS NULL OR issue_date ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}\$'), constraint billing_invoice_service_from_iso check (service_from ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}\$'), constraint billing_invoice_issued_has_number check (status = 'draft' OR (number IS NOT NULL AND issue_date IS NOT NULL)));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_billing_invoice_deleted_at" ON "billing_invoice" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_billing_invoice_number_unique" ON "billing_invoice" ("number") WHERE deleted_at IS NULL AND number IS NOT NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_billing_invoice_contract_id" ON "billing_invoice" ("contract_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_billing_invoice_customer_id_status" ON "billing_invoice" ("customer_id", "status") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_billing_invoice_one_cancellation" ON "billing_invoice" ("cancels_invoice_id") WHERE deleted_at IS NULL AND cancels_invoice_id IS NOT NULL;`);

    this.addSql(`create table if not exists "billing_invoice_line" ("id" text not null, "position" integer not null, "activity_id" text null, "negates_line_id" text null, "article_id" text null, "article_number" text null, "description" text not null, "service_from" text not null, "service_to" text not null, "quantity" numeric not null, "unit_price" numeric not null, "net_amount" numeric not null, "tax_rate" numeric not null, "tax_category" text not null, "invoice_id" text not null, "raw_quantity" jsonb not null, "raw_unit_price" jsonb not null, "raw_net_amount" jsonb not null, "raw_tax_rate" jsonb not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "billing_invoice_line_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_billing_invoice_line_invoice_id" ON "billing_invoice_line" ("invoice_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_billing_invoice_line_deleted_at" ON "billing_invoice_line" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_billing_invoice_line_activity_billed_once" ON "billing_invoice_line" ("activity_id") WHERE deleted_at IS NULL AND activity_id IS NOT NULL AND negates_line_id IS NULL;`);

    this.addSql(`create table if not exists "billing_invoice_number_log" ("id" text not null, "project_id" text not null, "number" text not null, "invoice_id" text null, "event" text check ("event" in ('used', 'unused')) not null, "reason" text null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "billing_invoice_number_log_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_billing_invoice_number_log_deleted_at" ON "billing_invoice_number_log" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_billing_invoice_number_log_project_id_number_unique" ON "billing_invoice_number_log" ("project_id", "number") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "billing_invoice_number_sequence" ("id" text not null, "series" text not null, "scope" text not null, "last_value" integer not null default 0, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "billing_invoice_number_sequence_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_billing_invoice_number_sequence_deleted_at" ON "billing_invoice_number_sequence" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_billing_invoice_number_sequence_series_scope_unique" ON "billing_invoice_number_sequence" ("series", "scope") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "billing_invoice_tax_total" ("id" text not null, "category" text not null, "rate" numeric not null, "net" numeric not null, "tax" numeric not null, "note" text null, "invoice_id" text not null, "raw_rate" jsonb not null, "raw_net" jsonb not null, "raw_tax" jsonb not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "billing_invoice_tax_total_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_billing_invoice_tax_total_invoice_id" ON "billing_invoice_tax_total" ("invoice_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_billing_invoice_tax_total_deleted_at" ON "billing_invoice_tax_total" ("deleted_at") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "billing_run" ("id" text not null, "as_of" text not null, "dry_run" boolean not null default false, "trigger" text check ("trigger" in ('schedule', 'admin', 'interim')) not null default 'admin', "status" text check ("status" in ('running', 'completed', 'failed')) not null default 'running', "started_at" timestamptz not null, "finished_at" timestamptz null, "contracts_processed" integer not null default 0, "activities_created" integer not null default 0, "invoices_issued" integer not null default 0, "errors" jsonb null, "filters" jsonb null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "billing_run_pkey" primary key ("id"), constraint billing_run_as_of_iso check (as_of ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}\$'));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_billing_run_deleted_at" ON "billing_run" ("deleted_at") WHERE deleted_at IS NULL;`);

    this.addSql(`alter table if exists "billing_invoice_line" add constraint "billing_invoice_line_invoice_id_foreign" foreign key ("invoice_id") references "billing_invoice" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table if exists "billing_invoice_tax_total" add constraint "billing_invoice_tax_total_invoice_id_foreign" foreign key ("invoice_id") references "billing_invoice" ("id") on update cascade on delete cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table if exists "billing_invoice_line" drop constraint if exists "billing_invoice_line_invoice_id_foreign";`);

    this.addSql(`alter table if exists "billing_invoice_tax_total" drop constraint if exists "billing_invoice_tax_total_invoice_id_foreign";`);

    this.addSql(`drop table if exists "billing_invoice" cascade;`);

    this.addSql(`drop table if exists "billing_invoice_line" cascade;`);

    this.addSql(`drop table if exists "billing_invoice_number_log" cascade;`);

    this.addSql(`drop table if exists "billing_invoice_number_sequence" cascade;`);

    this.addSql(`drop table if exists "billing_invoice_tax_total" cascade;`);

    this.addSql(`drop table if exists "billing_run" cascade;`);
  }

}
