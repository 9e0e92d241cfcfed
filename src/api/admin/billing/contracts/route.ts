import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { createContractWorkflow } from "../../../../workflows/contracts/contract-workflows"
import { fetchRecord, listRecords } from "../records"
import { AdminCreateContractType } from "./validators"

export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  await listRecords(req, res, "billing_contract", "contracts")
}

export const POST = async (req: AuthenticatedMedusaRequest<AdminCreateContractType>, res: MedusaResponse) => {
  const { result } = await createContractWorkflow(req.scope).run({ input: req.validatedBody })
  res.status(201).json({ contract: await fetchRecord(req, "billing_contract", result.id) })
}
