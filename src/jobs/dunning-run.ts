import { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { today } from "../api/today"
import { BILLING_DUNNING_MODULE } from "../modules/billing-dunning"
import BillingDunningModuleService from "../modules/billing-dunning/service"
import { runDunningExclusively } from "../workflows/dunning/dunning-run-workflow"

/**
 * The scheduled dunning run (daily at 06:00 unless BILLING_DUNNING_CRON says otherwise). Every process of a
 * multi-process deployment fires it; the Locking module lets one of them remind and the others skip. It
 * selects by due dates up to today, so a day it did not run is caught up by the next one.
 */
export default async function dunningRunJob(container: MedusaContainer) {
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  if (!container.resolve<BillingDunningModuleService>(BILLING_DUNNING_MODULE).dunningOptions().enabled) {
    return
  }
  try {
    const result = await runDunningExclusively(container, { as_of: today(), trigger: "schedule" }, 1)
    logger.info(
      `Dunning run ${result.as_of}: ${result.notices.length} notices, ${result.skipped.length} overdue invoices skipped, ${result.mail_failed.length} mails failed, ${result.errors.length} errors`
    )
  } catch (error) {
    if (error instanceof MedusaError && error.type === MedusaError.Types.NOT_ALLOWED) {
      logger.info("Dunning run skipped: another process is running it right now")
      return
    }
    throw error
  }
}

export const config = {
  name: "medusa-subscription-billing-dunning-run",
  schedule: process.env.BILLING_DUNNING_CRON || "0 6 * * *",
}
