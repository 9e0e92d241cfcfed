import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { endContractWorkflow } from "../../../../../../workflows/contracts/lifecycle-workflows"
import { today } from "../../../../../today"
import { assertExists, fetchRecord } from "../../../records"
import { AdminEndContractType } from "../../validators"

export const POST = async (req: AuthenticatedMedusaRequest<AdminEndContractType>, res: MedusaResponse) => {
  await assertExists(req, "billing_contract", req.params.id)
  await endContractWorkflow(req.scope).run({
    input: { id: req.params.id, end_date: req.validatedBody.end_date, today: today() },
  })
  res.json({ contract: await fetchRecord(req, "billing_contract", req.params.id) })
}
