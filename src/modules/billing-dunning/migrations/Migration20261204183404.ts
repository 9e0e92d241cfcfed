import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261204183404 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table if not exists "billing_dunning_notice" ("id" text not null, "invoice_id" text not null, "invoice_number" text not null, "invoice_issue_date" text not null, "invoice_due_date" text not null, "invoice_total" numeric not null, "customer_id" text not null, "currency_code" text not null, "locale" text not null, "level" integer not null, "notice_date" text not null, "payment_deadline" text not null, "open_amount" numeric not null, "fee" numeric not null, "total" numeric not null, "title" text not null, "subject" text not null, "text" text not null, "trigger" text check ("trigger" in ('schedule', 'admin')) not null, "document_file_id" text null, "delivered_at" timestamptz null, "raw_invoice_total" jsonb not null, "raw_open_amount" jsonb not null, "raw_fee" jsonb not null, "raw_total" jsonb not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "billing_dunning_notice_pkey" primary key ("id"), constraint billing_dunning_notice_notice_date_iso check (notice_date ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}\$'), constraint billing_dunning_notice_payment_deadline_iso check (payment_deadline ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}\$'), constraint billing_dunning_notice_invoice_issue_date_iso check (invoice_issue_date ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}\$'), constraint billing_dunning_notice_invoice_due_date_iso check (invoice_due_date ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}\$'), constraint billing_dunning_notice_level_positive check (level >= 1), constraint billing_dunning_notice_fee_not_negative check (fee >= 0));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_billing_dunning_notice_deleted_at" ON "billing_dunning_notice" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_billing_dunning_notice_invoice_level" ON "billing_dunning_notice" ("invoice_id", "level") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_billing_dunning_notice_customer_id" ON "billing_dunning_notice" ("customer_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_billing_dunning_notice_undelivered" ON "billing_dunning_notice" ("created_at") WHERE deleted_at IS NULL AND delivered_at IS NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "billing_dunning_notice" cascade;`);
  }

}
