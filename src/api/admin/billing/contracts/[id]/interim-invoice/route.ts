import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { runBillingExclusively } from "../../../../../../workflows/billing/billing-run-workflow"
import { today } from "../../../../../today"
import { assertExists, fetchRecord } from "../../../records"

/** Bills everything due and unbilled of this contract now, offsetting the customer's credit (Zwischenabrechnung). */
export const POST = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  await assertExists(req, "billing_contract", req.params.id)
  const now = today()
  const result = await runBillingExclusively(req.scope, {
    as_of: now,
    today: now,
    contract_ids: [req.params.id],
    trigger: "interim",
  })
  if (result.errors.length) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, result.errors.map((e) => e.message).join("; "))
  }
  res.status(201).json({
    invoices: await Promise.all(result.invoice_ids.map((id: string) => fetchRecord(req, "billing_invoice", id))),
    run_id: result.run_id,
  })
}
