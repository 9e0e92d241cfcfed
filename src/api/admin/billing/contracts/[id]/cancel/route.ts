import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { cancelContractWorkflow } from "../../../../../../workflows/contracts/lifecycle-workflows"
import { today } from "../../../../../today"
import { assertExists, fetchRecord } from "../../../records"
import { AdminCancelContractType } from "../../validators"

/** Cancels with the notice received today (or on the given day); answers with the effective end date. */
export const POST = async (req: AuthenticatedMedusaRequest<AdminCancelContractType>, res: MedusaResponse) => {
  await assertExists(req, "billing_contract", req.params.id)
  const { result } = await cancelContractWorkflow(req.scope).run({
    input: {
      id: req.params.id,
      notice_received_on: req.validatedBody.notice_received_on ?? today(),
      end_date: req.validatedBody.end_date,
    },
  })
  res.json({ end_date: result.end_date, contract: await fetchRecord(req, "billing_contract", req.params.id) })
}
