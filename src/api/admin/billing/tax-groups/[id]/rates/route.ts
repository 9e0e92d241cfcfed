import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { addTaxRateWorkflow } from "../../../../../../workflows/catalog/tax-group-workflows"
import { assertExists, fetchRecord } from "../../../records"
import { AdminCreateTaxRateType } from "../../validators"

/** Adds a dated rate (e.g. a temporary VAT cut from 2020-07-01 and the return to 19 % from 2021-01-01). */
export const POST = async (req: AuthenticatedMedusaRequest<AdminCreateTaxRateType>, res: MedusaResponse) => {
  await assertExists(req, "billing_tax_group", req.params.id)
  await addTaxRateWorkflow(req.scope).run({ input: { ...req.validatedBody, tax_group_id: req.params.id } })
  res.status(201).json({ tax_group: await fetchRecord(req, "billing_tax_group", req.params.id) })
}
