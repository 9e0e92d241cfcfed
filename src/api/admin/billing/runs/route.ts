import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { runBillingExclusively } from "../../../../workflows/billing/billing-run-workflow"
import { billingOptions } from "../../../billing-options"
import { today } from "../../../today"
import { listRecords } from "../records"
import { AdminStartBillingRunType } from "../billing-validators"

export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  await listRecords(req, res, "billing_run", "runs")
}

/** Starts a billing run now (the same workflow the scheduled job runs), or a dry run that writes nothing. */
export const POST = async (req: AuthenticatedMedusaRequest<AdminStartBillingRunType>, res: MedusaResponse) => {
  const body = req.validatedBody
  const result = await runBillingExclusively(req.scope, {
    as_of: body.as_of ?? today(),
    dry_run: body.dry_run ?? false,
    contract_ids: body.contract_ids ?? null,
    trigger: "admin",
    today: today(),
    allow_future: billingOptions(req.scope).allow_future_billing_runs,
  })
  res.status(body.dry_run ? 200 : 201).json({ run: result })
}
