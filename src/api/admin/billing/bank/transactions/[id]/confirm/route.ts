import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { confirmBankTransactionWorkflow, runBankAdminWorkflow } from "../../../../../../../workflows/payments/admin-booking-workflows"
import { fetchRecord } from "../../../../records"
import { AdminConfirmBankTransactionType } from "../../../validators"

/** Books the payment as suggestion `suggestion_index` proposed, or split across `allocations`; the rest is credited. */
export const POST = async (req: AuthenticatedMedusaRequest<AdminConfirmBankTransactionType>, res: MedusaResponse) => {
  const body = req.validatedBody
  await runBankAdminWorkflow(req.scope, confirmBankTransactionWorkflow, {
    id: req.params.id,
    suggestion_index: body.suggestion_index,
    allocations: body.allocations,
    customer_id: body.customer_id ?? null,
    created_by: req.auth_context?.actor_id ?? null,
  })
  res.json({ bank_transaction: await fetchRecord(req, "billing_bank_transaction", req.params.id) })
}
