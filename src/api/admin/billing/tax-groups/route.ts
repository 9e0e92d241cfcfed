import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { createTaxGroupWorkflow } from "../../../../workflows/catalog/tax-group-workflows"
import { fetchRecord, listRecords } from "../records"
import { AdminCreateTaxGroupType } from "./validators"

export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  await listRecords(req, res, "billing_tax_group", "tax_groups")
}

export const POST = async (req: AuthenticatedMedusaRequest<AdminCreateTaxGroupType>, res: MedusaResponse) => {
  const { result } = await createTaxGroupWorkflow(req.scope).run({ input: req.validatedBody })
  res.status(201).json({ tax_group: await fetchRecord(req, "billing_tax_group", result.id) })
}
