import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ignoreBankTransactionWorkflow, runBankAdminWorkflow } from "../../../../../../../workflows/payments/admin-booking-workflows"
import { fetchRecord } from "../../../../records"
import { AdminIgnoreBankTransactionType } from "../../../validators"

/** Takes the transaction out of the queue without booking anything. */
export const POST = async (req: AuthenticatedMedusaRequest<AdminIgnoreBankTransactionType>, res: MedusaResponse) => {
  await runBankAdminWorkflow(req.scope, ignoreBankTransactionWorkflow, {
    id: req.params.id,
    reason: req.validatedBody.reason ?? null,
    created_by: req.auth_context?.actor_id ?? null,
  })
  res.json({ bank_transaction: await fetchRecord(req, "billing_bank_transaction", req.params.id) })
}
