import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { runDunningExclusively } from "../../../../../workflows/dunning/dunning-run-workflow"
import { today } from "../../../../today"
import { AdminStartDunningRunType } from "../validators"

/**
 * Runs dunning now on `as_of` (default today; the same workflow the scheduled job runs), or a dry run that
 * answers which notices would be sent and which overdue invoices skipped, and writes nothing.
 */
export const POST = async (req: AuthenticatedMedusaRequest<AdminStartDunningRunType>, res: MedusaResponse) => {
  const body = req.validatedBody
  const run = await runDunningExclusively(req.scope, { as_of: body.as_of ?? today(), dry_run: body.dry_run ?? false, trigger: "admin" })
  res.status(run.dry_run ? 200 : 201).json({ run })
}
