import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { activateContractWorkflow } from "../../../../../../workflows/contracts/lifecycle-workflows"
import { assertExists, fetchRecord } from "../../../records"

export const POST = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  await assertExists(req, "billing_contract", req.params.id)
  await activateContractWorkflow(req.scope).run({ input: { id: req.params.id } })
  res.json({ contract: await fetchRecord(req, "billing_contract", req.params.id) })
}
