import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { deleteContractWorkflow, updateContractWorkflow } from "../../../../../workflows/contracts/contract-workflows"
import { assertExists, fetchRecord } from "../../records"
import { AdminUpdateContractType } from "../validators"

export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  res.json({ contract: await fetchRecord(req, "billing_contract", req.params.id) })
}

export const POST = async (req: AuthenticatedMedusaRequest<AdminUpdateContractType>, res: MedusaResponse) => {
  await assertExists(req, "billing_contract", req.params.id)
  await updateContractWorkflow(req.scope).run({ input: { ...req.validatedBody, id: req.params.id } })
  res.json({ contract: await fetchRecord(req, "billing_contract", req.params.id) })
}

export const DELETE = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  await assertExists(req, "billing_contract", req.params.id)
  await deleteContractWorkflow(req.scope).run({ input: { id: req.params.id } })
  res.json({ id: req.params.id, object: "billing_contract", deleted: true })
}
