import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261204163239 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "billing_project" add column if not exists "invoice_number_format" text not null default 'RE-{YYYY}-{SEQ:6}', add column if not exists "cancellation_number_format" text not null default 'ST-{YYYY}-{SEQ:6}', add column if not exists "payment_term_days" integer not null default 14;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table if exists "billing_project" drop column if exists "invoice_number_format", drop column if exists "cancellation_number_format", drop column if exists "payment_term_days";`);
  }

}
