import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { cancelInvoiceWorkflow } from "../../../../../../workflows/billing/cancel-invoice-workflow"
import { today } from "../../../../../today"
import { assertExists, fetchRecord } from "../../../records"
import { AdminCancelInvoiceType } from "../../../billing-validators"

/** Cancels an issued invoice with a cancellation document; `release_activities` makes its services billable again. */
export const POST = async (req: AuthenticatedMedusaRequest<AdminCancelInvoiceType>, res: MedusaResponse) => {
  await assertExists(req, "billing_invoice", req.params.id)
  const { result } = await cancelInvoiceWorkflow(req.scope).run({
    input: { id: req.params.id, issue_date: today(), release_activities: req.validatedBody.release_activities, reason: req.validatedBody.reason },
  })
  res.json({
    invoice: await fetchRecord(req, "billing_invoice", req.params.id),
    cancellation: await fetchRecord(req, "billing_invoice", result.cancellation_id),
    released_activity_ids: result.released_activity_ids,
  })
}
