import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261204153438 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "billing_tax_rate" drop constraint if exists "billing_tax_rate_tax_group_id_valid_from_unique";`);
    this.addSql(`alter table if exists "billing_price_variant" drop constraint if exists "billing_price_variant_article_id_currency_code_valid_from_min_quantity_unique";`);
    this.addSql(`alter table if exists "billing_article" drop constraint if exists "billing_article_project_id_number_unique";`);
    this.addSql(`alter table if exists "billing_article_group" drop constraint if exists "billing_article_group_code_unique";`);
    this.addSql(`alter table if exists "billing_tax_group" drop constraint if exists "billing_tax_group_code_unique";`);
    this.addSql(`alter table if exists "billing_project" drop constraint if exists "billing_project_code_unique";`);
    this.addSql(`create table if not exists "billing_project" ("id" text not null, "code" text not null, "name" text not null, "description" text null, "sales_channel_id" text null, "default_currency_code" text not null default 'eur', "contract_number_prefix" text not null default 'V-', "metadata" jsonb null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "billing_project_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_billing_project_deleted_at" ON "billing_project" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_billing_project_code_unique" ON "billing_project" ("code") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "billing_tax_group" ("id" text not null, "code" text not null, "name" text not null, "kind" text check ("kind" in ('standard', 'small_business', 'reverse_charge', 'tax_free')) not null default 'standard', "country_code" text not null default 'de', "legal_note" text null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "billing_tax_group_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_billing_tax_group_deleted_at" ON "billing_tax_group" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_billing_tax_group_code_unique" ON "billing_tax_group" ("code") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "billing_article_group" ("id" text not null, "code" text not null, "name" text not null, "tax_group_id" text not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "billing_article_group_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_billing_article_group_tax_group_id" ON "billing_article_group" ("tax_group_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_billing_article_group_deleted_at" ON "billing_article_group" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_billing_article_group_code_unique" ON "billing_article_group" ("code") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "billing_article" ("id" text not null, "number" text not null, "name" text not null, "description" text null, "kind" text check ("kind" in ('subscription', 'one_time', 'usage')) not null, "unit" text check ("unit" in ('DAY', 'WEEK', 'MONTH', 'YEAR')) null, "product_variant_id" text null, "metadata" jsonb null, "project_id" text not null, "article_group_id" text not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "billing_article_pkey" primary key ("id"), constraint billing_article_unit_by_kind check ((kind = 'subscription' AND unit IS NOT NULL) OR (kind <> 'subscription' AND unit IS NULL)));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_billing_article_project_id" ON "billing_article" ("project_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_billing_article_article_group_id" ON "billing_article" ("article_group_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_billing_article_deleted_at" ON "billing_article" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_billing_article_project_id_number_unique" ON "billing_article" ("project_id", "number") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "billing_price_variant" ("id" text not null, "currency_code" text not null, "amount" numeric not null, "valid_from" text not null, "min_quantity" integer not null default 1, "article_id" text not null, "raw_amount" jsonb not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "billing_price_variant_pkey" primary key ("id"), constraint billing_price_variant_valid_from_iso check (valid_from ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}\$'), constraint billing_price_variant_amount_non_negative check (amount >= 0), constraint billing_price_variant_min_quantity_positive check (min_quantity >= 1));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_billing_price_variant_article_id" ON "billing_price_variant" ("article_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_billing_price_variant_deleted_at" ON "billing_price_variant" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_billing_price_variant_article_id_currency_code_valid_from_min_quantity_unique" ON "billing_price_variant" ("article_id", "currency_code", "valid_from", "min_quantity") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "billing_tax_rate" ("id" text not null, "rate" numeric not null, "valid_from" text not null, "tax_group_id" text not null, "raw_rate" jsonb not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "billing_tax_rate_pkey" primary key ("id"), constraint billing_tax_rate_valid_from_iso check (valid_from ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}\$'), constraint billing_tax_rate_range check (rate >= 0 AND rate <= 100));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_billing_tax_rate_tax_group_id" ON "billing_tax_rate" ("tax_group_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_billing_tax_rate_deleted_at" ON "billing_tax_rate" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_billing_tax_rate_tax_group_id_valid_from_unique" ON "billing_tax_rate" ("tax_group_id", "valid_from") WHERE deleted_at IS NULL;`);

    this.addSql(`alter table if exists "billing_article_group" add constraint "billing_article_group_tax_group_id_foreign" foreign key ("tax_group_id") references "billing_tax_group" ("id") on update cascade;`);

    this.addSql(`alter table if exists "billing_article" add constraint "billing_article_project_id_foreign" foreign key ("project_id") references "billing_project" ("id") on update cascade;`);
    this.addSql(`alter table if exists "billing_article" add constraint "billing_article_article_group_id_foreign" foreign key ("article_group_id") references "billing_article_group" ("id") on update cascade;`);

    this.addSql(`alter table if exists "billing_price_variant" add constraint "billing_price_variant_article_id_foreign" foreign key ("article_id") references "billing_article" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table if exists "billing_tax_rate" add constraint "billing_tax_rate_tax_group_id_foreign" foreign key ("tax_group_id") references "billing_tax_group" ("id") on update cascade on delete cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table if exists "billing_article" drop constraint if exists "billing_article_project_id_foreign";`);

    this.addSql(`alter table if exists "billing_article_group" drop constraint if exists "billing_article_group_tax_group_id_foreign";`);

    this.addSql(`alter table if exists "billing_tax_rate" drop constraint if exists "billing_tax_rate_tax_group_id_foreign";`);

    this.addSql(`alter table if exists "billing_article" drop constraint if exists "billing_article_article_group_id_foreign";`);

    this.addSql(`alter table if exists "billing_price_variant" drop constraint if exists "billing_price_variant_article_id_foreign";`);

    this.addSql(`drop table if exists "billing_project" cascade;`);

    this.addSql(`drop table if exists "billing_tax_group" cascade;`);

    this.addSql(`drop table if exists "billing_article_group" cascade;`);

    this.addSql(`drop table if exists "billing_article" cascade;`);

    this.addSql(`drop table if exists "billing_price_variant" cascade;`);

    this.addSql(`drop table if exists "billing_tax_rate" cascade;`);
  }

}
