import { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { today } from "../api/today"
import { runBillingExclusively } from "../workflows/billing/billing-run-workflow"

/**
 * The scheduled billing run. Every process of a multi-process deployment fires it; the Locking module lets
 * one of them bill and the others skip, and the run picks up everything due up to today — also what earlier
 * ticks missed, since it selects by due date, not by a time window.
 */
export default async function billingRunJob(container: MedusaContainer) {
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  const now = today()
  try {
    const result = await runBillingExclusively(container, { as_of: now, today: now, trigger: "schedule" }, 1)
    logger.info(
      `Billing run ${result.run_id}: ${result.activities_created} activities, ${result.invoices_issued} invoices, ${result.errors.length} contracts with errors`
    )
  } catch (error) {
    if (error instanceof MedusaError && error.type === MedusaError.Types.NOT_ALLOWED) {
      logger.info("Billing run skipped: another process is billing right now")
      return
    }
    throw error
  }
}

export const config = {
  name: "medusa-subscription-billing-run",
  schedule: process.env.BILLING_RUN_CRON || "*/10 * * * *",
}
