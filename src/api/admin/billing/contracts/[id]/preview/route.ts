import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { previewContractBillingWorkflow } from "../../../../../../workflows/contracts/preview-workflow"
import { today } from "../../../../../today"
import { assertExists } from "../../../records"
import { AdminContractPreviewParamsType } from "../../validators"

/** The activities the next billing run would create for this contract up to `as_of` (default today). Writes nothing. */
export const GET = async (req: AuthenticatedMedusaRequest<unknown, AdminContractPreviewParamsType>, res: MedusaResponse) => {
  await assertExists(req, "billing_contract", req.params.id)
  const asOf = (req.validatedQuery as AdminContractPreviewParamsType).as_of ?? today()
  const { result } = await previewContractBillingWorkflow(req.scope).run({ input: { id: req.params.id, as_of: asOf } })
  res.json({ as_of: asOf, activities: result.activities, missing_prices: result.missing_prices })
}
