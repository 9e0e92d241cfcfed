import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { runBankAdminWorkflow, unmatchBankTransactionWorkflow } from "../../../../../../../workflows/payments/admin-booking-workflows"
import { today } from "../../../../../../today"
import { fetchRecord } from "../../../../records"
import { AdminUnmatchBankTransactionType } from "../../../validators"

/** Reverses the booking in the ledger (the invoices are open again) and puts the payment back into the queue. */
export const POST = async (req: AuthenticatedMedusaRequest<AdminUnmatchBankTransactionType>, res: MedusaResponse) => {
  await runBankAdminWorkflow(req.scope, unmatchBankTransactionWorkflow, {
    id: req.params.id,
    reason: req.validatedBody.reason ?? null,
    booking_date: today(),
    created_by: req.auth_context?.actor_id ?? null,
  })
  res.json({ bank_transaction: await fetchRecord(req, "billing_bank_transaction", req.params.id) })
}
