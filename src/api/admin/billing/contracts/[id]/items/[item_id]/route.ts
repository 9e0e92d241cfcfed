import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { updateContractItemWorkflow } from "../../../../../../../workflows/contracts/update-item-workflow"
import { assertExists, fetchRecord } from "../../../../records"
import { AdminUpdateContractItemType } from "../../../../billing-validators"

export const POST = async (req: AuthenticatedMedusaRequest<AdminUpdateContractItemType>, res: MedusaResponse) => {
  await assertExists(req, "billing_contract", req.params.id)
  await updateContractItemWorkflow(req.scope).run({
    input: { ...req.validatedBody, contract_id: req.params.id, item_id: req.params.item_id },
  })
  res.json({ contract: await fetchRecord(req, "billing_contract", req.params.id) })
}
