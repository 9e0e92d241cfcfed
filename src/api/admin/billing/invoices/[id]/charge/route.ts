import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { chargeInvoiceWorkflow } from "../../../../../../workflows/collections/charge-card-workflow"
import { assertExists, fetchRecord } from "../../../records"
import { chargeAttemptFields } from "../../../collections/query-config"

/**
 * Charges the invoice's open amount to its contract's stored card now (outside the retry schedule). A
 * declined card is answered with the failed attempt and its error; an invoice that cannot be charged is a 400.
 */
export const POST = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  await assertExists(req, "billing_invoice", req.params.id)
  const { result } = await chargeInvoiceWorkflow(req.scope).run({ input: { invoice_id: req.params.id, trigger: "manual", now: new Date().toISOString() } })
  res.json({ attempt: await fetchRecord(req, "billing_card_charge_attempt", result.attempt_id as string, chargeAttemptFields) })
}
