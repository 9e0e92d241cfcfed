import { model } from "@medusajs/framework/utils"
import { isoDateCheck } from "../../../utils/iso-date-check"
import Contract from "./contract"

export const ACTIVITY_ORIGINS = ["SUBSCRIPTION", "ONE_TIME", "USAGE", "MANUAL"] as const
export const ACTIVITY_KINDS = ["charge", "credit"] as const

/**
 * One billable performance (Fakturia's "Leistung"): a served part of a billing period of an item, a
 * one-time charge, a usage quantity or a manual charge. Credits reverse days of an advance-billed period
 * that were taken away afterwards. For subscription boxes a SUBSCRIPTION activity is also a due delivery.
 *
 * Exactly-once: an item's activity is identified by (item, kind, service_from, seq) — `seq` counts earlier
 * activities with the same item, kind and first day, so two billing runs that read the same state and
 * compute the same activity collide on this key instead of billing it twice.
 */
const Activity = model
  .define("billing_activity", {
    id: model.id({ prefix: "bact" }).primaryKey(),
    contract_item_id: model.text().nullable(),
    article_id: model.text(),
    origin: model.enum([...ACTIVITY_ORIGINS]),
    kind: model.enum([...ACTIVITY_KINDS]).default("charge"),
    seq: model.number().default(0),
    description: model.text().nullable(),
    period_start: model.text(),
    period_end: model.text(),
    service_from: model.text(),
    service_to: model.text(),
    due_date: model.text(),
    quantity: model.bigNumber(),
    unit_price: model.bigNumber(),
    amount: model.bigNumber(),
    currency_code: model.text(),
    price_variant_id: model.text().nullable(),
    invoice_id: model.text().nullable(),
    billed_at: model.dateTime().nullable(),
    contract: model.belongsTo(() => Contract, { mappedBy: "activities" }),
  })
  .indexes([
    {
      name: "IDX_billing_activity_item_period_unique",
      on: ["contract_item_id", "kind", "service_from", "seq"],
      unique: true,
      where: "deleted_at IS NULL AND contract_item_id IS NOT NULL",
    },
    { on: ["contract_id", "due_date"], where: "deleted_at IS NULL AND invoice_id IS NULL" },
    { on: ["invoice_id"], where: "deleted_at IS NULL AND invoice_id IS NOT NULL" },
  ])
  .checks([
    { name: "billing_activity_period_start_iso", expression: isoDateCheck("period_start") },
    { name: "billing_activity_service_from_iso", expression: isoDateCheck("service_from") },
    { name: "billing_activity_due_date_iso", expression: isoDateCheck("due_date") },
    { name: "billing_activity_service_range", expression: "service_to >= service_from" },
  ])

export default Activity
