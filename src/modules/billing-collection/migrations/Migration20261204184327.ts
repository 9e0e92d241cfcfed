import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261204184327 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "billing_sepa_mandate" drop constraint if exists "billing_sepa_mandate_reference_unique";`);
    this.addSql(`alter table if exists "billing_sepa_creditor" drop constraint if exists "billing_sepa_creditor_key_unique";`);
    this.addSql(`alter table if exists "billing_sepa_collection" drop constraint if exists "billing_sepa_collection_end_to_end_unique";`);
    this.addSql(`alter table if exists "billing_sepa_batch" drop constraint if exists "billing_sepa_batch_message_id_unique";`);
    this.addSql(`alter table if exists "billing_card_payment_method" drop constraint if exists "billing_card_payment_method_contract_unique";`);
    this.addSql(`alter table if exists "billing_card_charge_attempt" drop constraint if exists "billing_card_charge_attempt_unique";`);
    this.addSql(`create table if not exists "billing_card_charge_attempt" ("id" text not null, "invoice_id" text not null, "contract_id" text not null, "customer_id" text not null, "attempt" integer not null, "trigger" text check ("trigger" in ('schedule', 'manual')) not null default 'schedule', "status" text check ("status" in ('processing', 'succeeded', 'failed')) not null default 'processing', "amount" numeric not null, "currency_code" text not null, "provider_id" text not null, "payment_collection_id" text null, "payment_id" text null, "ledger_posting_key" text null, "error" text null, "attempted_at" timestamptz not null, "finished_at" timestamptz null, "next_attempt_at" timestamptz null, "gave_up" boolean not null default false, "raw_amount" jsonb not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "billing_card_charge_attempt_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_billing_card_charge_attempt_deleted_at" ON "billing_card_charge_attempt" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_billing_card_charge_attempt_unique" ON "billing_card_charge_attempt" ("invoice_id", "attempt") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_billing_card_charge_attempt_status_next_attempt_at" ON "billing_card_charge_attempt" ("status", "next_attempt_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_billing_card_charge_attempt_contract_id" ON "billing_card_charge_attempt" ("contract_id") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "billing_card_payment_method" ("id" text not null, "contract_id" text not null, "customer_id" text not null, "provider_id" text not null, "payment_method_token" text not null, "account_holder_id" text null, "label" text null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "billing_card_payment_method_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_billing_card_payment_method_deleted_at" ON "billing_card_payment_method" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_billing_card_payment_method_contract_unique" ON "billing_card_payment_method" ("contract_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_billing_card_payment_method_customer_id" ON "billing_card_payment_method" ("customer_id") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "billing_sepa_batch" ("id" text not null, "message_id" text not null, "creation_date_time" text not null, "first_collection_date" text not null, "last_collection_date" text not null, "local_instrument" text not null default 'CORE', "transaction_count" integer not null, "control_sum" numeric not null, "currency_code" text not null default 'eur', "status" text check ("status" in ('generated', 'submitted', 'cancelled')) not null default 'generated', "file_id" text null, "file_name" text not null, "creditor_id" text not null, "submitted_at" timestamptz null, "cancelled_at" timestamptz null, "raw_control_sum" jsonb not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "billing_sepa_batch_pkey" primary key ("id"), constraint billing_sepa_batch_first_collection_date_iso check (first_collection_date ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}\$'), constraint billing_sepa_batch_last_collection_date_iso check (last_collection_date ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}\$'));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_billing_sepa_batch_deleted_at" ON "billing_sepa_batch" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_billing_sepa_batch_message_id_unique" ON "billing_sepa_batch" ("message_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_billing_sepa_batch_status" ON "billing_sepa_batch" ("status") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "billing_sepa_collection" ("id" text not null, "invoice_id" text not null, "invoice_number" text null, "customer_id" text not null, "contract_id" text not null, "mandate_id" text not null, "mandate_reference" text not null, "end_to_end_id" text not null, "payment_information_id" text not null, "sequence_type" text check ("sequence_type" in ('FRST', 'RCUR', 'FNAL', 'OOFF')) not null, "collection_date" text not null, "amendment" jsonb null, "amount" numeric not null, "currency_code" text not null, "status" text check ("status" in ('pending', 'settled', 'returned', 'cancelled')) not null default 'pending', "bank_transaction_id" text null, "return_reason" text null, "settled_at" timestamptz null, "returned_at" timestamptz null, "cancelled_at" timestamptz null, "batch_id" text not null, "raw_amount" jsonb not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "billing_sepa_collection_pkey" primary key ("id"), constraint billing_sepa_collection_collection_date_iso check (collection_date ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}\$'));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_billing_sepa_collection_batch_id" ON "billing_sepa_collection" ("batch_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_billing_sepa_collection_deleted_at" ON "billing_sepa_collection" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_billing_sepa_collection_one_pending" ON "billing_sepa_collection" ("invoice_id") WHERE deleted_at IS NULL AND status = 'pending';`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_billing_sepa_collection_end_to_end_unique" ON "billing_sepa_collection" ("end_to_end_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_billing_sepa_collection_invoice_id" ON "billing_sepa_collection" ("invoice_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_billing_sepa_collection_customer_id_status" ON "billing_sepa_collection" ("customer_id", "status") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_billing_sepa_collection_status" ON "billing_sepa_collection" ("status") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "billing_sepa_creditor" ("id" text not null, "key" text not null default 'default', "creditor_id" text not null, "creditor_name" text not null, "creditor_iban" text not null, "creditor_bic" text null, "street_name" text null, "building_number" text null, "postal_code" text null, "town_name" text not null, "country_code" text not null, "pre_notification_days" integer null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "billing_sepa_creditor_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_billing_sepa_creditor_deleted_at" ON "billing_sepa_creditor" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_billing_sepa_creditor_key_unique" ON "billing_sepa_creditor" ("key") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "billing_sepa_mandate" ("id" text not null, "customer_id" text not null, "mandate_reference" text not null, "signature_date" text not null, "debtor_name" text not null, "debtor_iban" text not null, "debtor_bic" text null, "street_name" text null, "building_number" text null, "postal_code" text null, "town_name" text not null, "country_code" text not null, "status" text check ("status" in ('active', 'revoked')) not null default 'active', "revoked_on" text null, "revocation_reason" text null, "first_collection_at" timestamptz null, "last_collection_date" text null, "pending_amendment" jsonb null, "metadata" jsonb null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "billing_sepa_mandate_pkey" primary key ("id"), constraint billing_sepa_mandate_signature_date_iso check (signature_date ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}\$'), constraint billing_sepa_mandate_revoked_on_iso check (revoked_on IS NULL OR revoked_on ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}\$'), constraint billing_sepa_mandate_last_collection_date_iso check (last_collection_date IS NULL OR last_collection_date ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}\$'));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_billing_sepa_mandate_deleted_at" ON "billing_sepa_mandate" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_billing_sepa_mandate_reference_unique" ON "billing_sepa_mandate" ("mandate_reference") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_billing_sepa_mandate_customer_id_status" ON "billing_sepa_mandate" ("customer_id", "status") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_billing_sepa_mandate_one_active" ON "billing_sepa_mandate" ("customer_id") WHERE deleted_at IS NULL AND status = 'active';`);

    this.addSql(`alter table if exists "billing_sepa_collection" add constraint "billing_sepa_collection_batch_id_foreign" foreign key ("batch_id") references "billing_sepa_batch" ("id") on update cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table if exists "billing_sepa_collection" drop constraint if exists "billing_sepa_collection_batch_id_foreign";`);

    this.addSql(`drop table if exists "billing_card_charge_attempt" cascade;`);

    this.addSql(`drop table if exists "billing_card_payment_method" cascade;`);

    this.addSql(`drop table if exists "billing_sepa_batch" cascade;`);

    this.addSql(`drop table if exists "billing_sepa_collection" cascade;`);

    this.addSql(`drop table if exists "billing_sepa_creditor" cascade;`);

    this.addSql(`drop table if exists "billing_sepa_mandate" cascade;`);
  }

}
