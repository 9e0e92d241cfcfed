import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { bookBankTransactionAsCreditWorkflow, runBankAdminWorkflow } from "../../../../../../../workflows/payments/admin-booking-workflows"
import { fetchRecord } from "../../../../records"
import { AdminBookBankTransactionAsCreditType } from "../../../validators"

/** Books the whole payment as a credit on a customer account (a payment that fits no invoice). */
export const POST = async (req: AuthenticatedMedusaRequest<AdminBookBankTransactionAsCreditType>, res: MedusaResponse) => {
  const body = req.validatedBody
  await runBankAdminWorkflow(req.scope, bookBankTransactionAsCreditWorkflow, {
    id: req.params.id,
    customer_id: body.customer_id ?? null,
    note: body.note ?? null,
    created_by: req.auth_context?.actor_id ?? null,
  })
  res.json({ bank_transaction: await fetchRecord(req, "billing_bank_transaction", req.params.id) })
}
