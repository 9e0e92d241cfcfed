import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { billingOptions } from "../../../../billing-options"
import { runDunningExclusively } from "../../../../../workflows/dunning/dunning-run-workflow"
import { today } from "../../../../today"
import { AdminStartDunningRunType } from "../validators"

/**
 * Runs dunning now on `as_of` (default today; the same workflow the scheduled job runs), or a dry run that
 * answers which notices would be sent and which overdue invoices skipped, and writes nothing.
 */
export const POST = async (req: AuthenticatedMedusaRequest<AdminStartDunningRunType>, res: MedusaResponse) => {
  const body = req.validatedBody
  const asOf = body.as_of ?? today()
  // As for billing runs: notices and fees dated in the future only in a sandbox; a dry run may look ahead.
  if (!body.dry_run && asOf > today() && !billingOptions(req.scope).allow_future_billing_runs) {
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      `as_of: ${asOf} is in the future; only a dry run may look ahead (or set the plugin option allow_future_billing_runs)`
    )
  }
  const run = await runDunningExclusively(req.scope, { as_of: asOf, dry_run: body.dry_run ?? false, trigger: "admin" })
  res.status(run.dry_run ? 200 : 201).json({ run })
}
