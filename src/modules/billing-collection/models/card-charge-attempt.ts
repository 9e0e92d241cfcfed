import { model } from "@medusajs/framework/utils"

export const CHARGE_ATTEMPT_STATUSES = ["processing", "succeeded", "failed"] as const
export const CHARGE_TRIGGERS = ["schedule", "manual"] as const

/**
 * One try to charge an invoice's open amount to the contract's stored card. Attempts are numbered per
 * invoice; the unique (invoice, attempt) key lets only one process claim an attempt, so the job and a
 * manual charge never charge twice. A failed attempt carries the provider's error and when the next
 * automatic try falls due (`next_attempt_at`, null after the last one: the invoice goes to dunning).
 */
const CardChargeAttempt = model
  .define("billing_card_charge_attempt", {
    id: model.id({ prefix: "bcca" }).primaryKey(),
    invoice_id: model.text(),
    contract_id: model.text(),
    customer_id: model.text(),
    attempt: model.number(),
    trigger: model.enum([...CHARGE_TRIGGERS]).default("schedule"),
    status: model.enum([...CHARGE_ATTEMPT_STATUSES]).default("processing"),
    amount: model.bigNumber(),
    currency_code: model.text(),
    provider_id: model.text(),
    payment_collection_id: model.text().nullable(),
    payment_id: model.text().nullable(),
    ledger_posting_key: model.text().nullable(),
    error: model.text().nullable(),
    attempted_at: model.dateTime(),
    finished_at: model.dateTime().nullable(),
    next_attempt_at: model.dateTime().nullable(),
    gave_up: model.boolean().default(false),
  })
  .indexes([
    { name: "IDX_billing_card_charge_attempt_unique", on: ["invoice_id", "attempt"], unique: true, where: "deleted_at IS NULL" },
    { on: ["status", "next_attempt_at"], where: "deleted_at IS NULL" },
    { on: ["contract_id"], where: "deleted_at IS NULL" },
  ])

export default CardChargeAttempt
