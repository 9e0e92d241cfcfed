import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261204164012 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table if not exists "billing_mail_log" ("id" text not null, "kind" text not null, "invoice_id" text null, "customer_id" text null, "recipient" text not null, "subject" text not null, "status" text check ("status" in ('pending', 'sent', 'failed')) not null default 'pending', "error" text null, "attempts" integer not null default 0, "last_attempt_at" timestamptz null, "notification_id" text null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "billing_mail_log_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_billing_mail_log_deleted_at" ON "billing_mail_log" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_billing_mail_log_status" ON "billing_mail_log" ("status") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_billing_mail_log_one_per_document" ON "billing_mail_log" ("kind", "invoice_id") WHERE deleted_at IS NULL AND invoice_id IS NOT NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "billing_mail_log" cascade;`);
  }

}
