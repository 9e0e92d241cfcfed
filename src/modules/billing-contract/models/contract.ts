import { model } from "@medusajs/framework/utils"
import { isoDateCheck, isoDateCheckNullable } from "../../../utils/iso-date-check"
import ContractItem from "./contract-item"
import Activity from "./activity"

export const CONTRACT_STATUSES = ["draft", "active", "cancelled", "ended"] as const
export const BILLING_MODES = ["advance", "arrears"] as const
export const PAYMENT_METHODS = ["invoice", "sepa_debit", "card"] as const
export const TERM_UNITS = ["DAY", "WEEK", "MONTH", "YEAR"] as const

/**
 * A customer's subscription. `end_date` is the last day served (inclusive); `billed_until` is the first day
 * not yet billed (exclusive) — for contracts taken over from another system nothing before it is billed.
 * `customer_id`, `project_id` are read-only links to the customer and the catalog's project.
 */
const Contract = model
  .define("billing_contract", {
    id: model.id({ prefix: "bctr" }).primaryKey(),
    number: model.text().searchable(),
    project_id: model.text(),
    customer_id: model.text(),
    status: model.enum([...CONTRACT_STATUSES]).default("draft"),
    currency_code: model.text(),
    start_date: model.text(),
    end_date: model.text().nullable(),
    interval_count: model.number().default(1),
    interval_unit: model.enum([...TERM_UNITS]),
    billing_mode: model.enum([...BILLING_MODES]).default("advance"),
    minimum_term_count: model.number().nullable(),
    minimum_term_unit: model.enum([...TERM_UNITS]).nullable(),
    renewal_term_count: model.number().nullable(),
    renewal_term_unit: model.enum([...TERM_UNITS]).nullable(),
    notice_period_count: model.number().nullable(),
    notice_period_unit: model.enum([...TERM_UNITS]).nullable(),
    billed_until: model.text().nullable(),
    payment_method: model.enum([...PAYMENT_METHODS]).default("invoice"),
    activated_at: model.dateTime().nullable(),
    cancelled_at: model.dateTime().nullable(),
    cancellation_received_on: model.text().nullable(),
    ended_at: model.dateTime().nullable(),
    metadata: model.json().nullable(),
    /**
     * The billing run's watermark: no activity of this contract can fall due before this day unless the
     * contract changes (`nextDueDate` of the billing calendar; "9999-12-31" when nothing will). Runs skip
     * the contract until then. Database triggers clear it on any change to the contract, its items or its
     * activities (see the module's migrations), so no code path can leave a stale one behind.
     */
    next_due_date: model.text().nullable(),
    items: model.hasMany(() => ContractItem, { mappedBy: "contract" }),
    activities: model.hasMany(() => Activity, { mappedBy: "contract" }),
  })
  .cascades({ delete: ["items"] })
  .indexes([
    { on: ["project_id", "number"], unique: true, where: "deleted_at IS NULL" },
    { on: ["customer_id"], where: "deleted_at IS NULL" },
    { on: ["status"], where: "deleted_at IS NULL" },
    { on: ["next_due_date"], where: "deleted_at IS NULL" },
  ])
  .checks([
    { name: "billing_contract_start_date_iso", expression: isoDateCheck("start_date") },
    { name: "billing_contract_end_date_iso", expression: isoDateCheckNullable("end_date") },
    { name: "billing_contract_billed_until_iso", expression: isoDateCheckNullable("billed_until") },
    { name: "billing_contract_next_due_date_iso", expression: isoDateCheckNullable("next_due_date") },
    { name: "billing_contract_end_after_start", expression: "end_date IS NULL OR end_date >= start_date" },
    { name: "billing_contract_interval_positive", expression: "interval_count >= 1" },
  ])

export default Contract
