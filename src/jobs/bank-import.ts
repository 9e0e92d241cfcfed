import { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { isMedusaErrorOfType } from "../workflows/payments/bank-lock"
import { configuredStatementSources, importFromStatementSources } from "../workflows/payments/statement-sources"

/**
 * Imports new bank statements from the watched folder (`bank_import_folder`) and the configured online-banking
 * sources, matches them, and then matches whatever else waits. Every process fires it; the bank lock lets one
 * of them work at a time.
 */
export default async function bankImportJob(container: MedusaContainer) {
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  try {
    const { sources, matching } = await importFromStatementSources(container, configuredStatementSources(container))
    const files = sources.flatMap((s) => s.files)
    if (files.length || matching.auto_booked || matching.review || matching.returned) {
      logger.info(
        `Bank import: ${files.filter((f) => f.imported).length} files imported, ${files.filter((f) => !f.imported).length} failed; matching booked ${matching.auto_booked}, queued ${matching.review}, returned ${matching.returned}`
      )
    }
  } catch (error) {
    if (isMedusaErrorOfType(error, MedusaError.Types.NOT_ALLOWED)) {
      logger.info("Bank import skipped: another process is importing or matching right now")
      return
    }
    throw error
  }
}

export const config = {
  name: "medusa-subscription-billing-bank-import",
  schedule: process.env.BILLING_BANK_IMPORT_CRON || "*/5 * * * *",
}
