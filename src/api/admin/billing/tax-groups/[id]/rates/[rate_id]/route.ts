import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { deleteTaxRateWorkflow } from "../../../../../../../workflows/catalog/tax-group-workflows"
import { fetchRecord } from "../../../../records"

export const DELETE = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const rate = await fetchRecord(req, "billing_tax_rate", req.params.rate_id, ["id", "tax_group.id"])
  if (rate.tax_group?.id !== req.params.id) {
    throw new MedusaError(
      MedusaError.Types.NOT_FOUND,
      `tax rate "${req.params.rate_id}" does not belong to tax group "${req.params.id}"`
    )
  }
  await deleteTaxRateWorkflow(req.scope).run({ input: { id: req.params.rate_id } })
  res.json({ id: req.params.rate_id, object: "billing_tax_rate", deleted: true })
}
