import { model } from "@medusajs/framework/utils"
import { isoDateCheck } from "../../../utils/iso-date-check"

/** One billing run (scheduled or started by an admin): what it did and which contracts failed and why. */
const BillingRun = model
  .define("billing_run", {
    id: model.id({ prefix: "brun" }).primaryKey(),
    as_of: model.text(),
    dry_run: model.boolean().default(false),
    trigger: model.enum(["schedule", "admin", "interim"]).default("admin"),
    status: model.enum(["running", "completed", "failed"]).default("running"),
    started_at: model.dateTime(),
    finished_at: model.dateTime().nullable(),
    contracts_processed: model.number().default(0),
    activities_created: model.number().default(0),
    invoices_issued: model.number().default(0),
    errors: model.json().nullable(),
    filters: model.json().nullable(),
  })
  .checks([{ name: "billing_run_as_of_iso", expression: isoDateCheck("as_of") }])

export default BillingRun
