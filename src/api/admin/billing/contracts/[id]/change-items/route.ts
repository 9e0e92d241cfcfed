import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { changeContractItemsWorkflow } from "../../../../../../workflows/contracts/change-items-workflow"
import { assertExists, fetchRecord } from "../../../records"
import { AdminChangeContractItemsType } from "../../validators"

/** Up-/downgrade or pause: end items at `date`, add items from `date`, or bring the ended ones back on `resume_on`. */
export const POST = async (req: AuthenticatedMedusaRequest<AdminChangeContractItemsType>, res: MedusaResponse) => {
  await assertExists(req, "billing_contract", req.params.id)
  const { result } = await changeContractItemsWorkflow(req.scope).run({
    input: { ...req.validatedBody, id: req.params.id },
  })
  res.json({
    ended_item_ids: result.ended_item_ids,
    created_item_ids: result.created_items.map((item) => item.id),
    contract: await fetchRecord(req, "billing_contract", req.params.id),
  })
}
