import { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { collectCardPaymentsExclusively } from "../workflows/collections/charge-card-workflow"

/**
 * Charges every open invoice of card contracts whose first charge or scheduled retry is due, up to now —
 * also what earlier ticks missed, since due charges are selected by time, not by a window. On several
 * processes the Locking module lets one of them charge; the others skip this tick.
 */
export default async function collectCardPaymentsJob(container: MedusaContainer) {
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  const now = new Date()
  try {
    const results = await collectCardPaymentsExclusively(container, now)
    const succeeded = results.filter((r) => r.status === "succeeded").length
    const failed = results.filter((r) => r.status === "failed").length
    if (succeeded || failed) {
      logger.info(`Card collection: ${succeeded} invoices charged, ${failed} charges failed`)
    }
  } catch (error) {
    if (error instanceof Error && /timed-?out|timeout/i.test(error.message)) {
      logger.info("Card collection skipped: another process is charging right now")
      return
    }
    throw error
  }
}

export const config = {
  name: "medusa-subscription-billing-collect-card-payments",
  schedule: process.env.BILLING_CARD_COLLECTION_CRON || "0 * * * *",
}
