import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { deleteTaxGroupWorkflow, updateTaxGroupWorkflow } from "../../../../../workflows/catalog/tax-group-workflows"
import { assertExists, fetchRecord } from "../../records"
import { AdminUpdateTaxGroupType } from "../validators"

export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  res.json({ tax_group: await fetchRecord(req, "billing_tax_group", req.params.id) })
}

export const POST = async (req: AuthenticatedMedusaRequest<AdminUpdateTaxGroupType>, res: MedusaResponse) => {
  await assertExists(req, "billing_tax_group", req.params.id)
  await updateTaxGroupWorkflow(req.scope).run({ input: { ...req.validatedBody, id: req.params.id } })
  res.json({ tax_group: await fetchRecord(req, "billing_tax_group", req.params.id) })
}

export const DELETE = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  await assertExists(req, "billing_tax_group", req.params.id)
  await deleteTaxGroupWorkflow(req.scope).run({ input: { id: req.params.id } })
  res.json({ id: req.params.id, object: "billing_tax_group", deleted: true })
}
