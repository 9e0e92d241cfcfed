import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { createProjectWorkflow } from "../../../../workflows/catalog/project-workflows"
import { fetchRecord, listRecords } from "../records"
import { AdminCreateProjectType } from "./validators"

export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  await listRecords(req, res, "billing_project", "projects")
}

export const POST = async (req: AuthenticatedMedusaRequest<AdminCreateProjectType>, res: MedusaResponse) => {
  const { result } = await createProjectWorkflow(req.scope).run({ input: req.validatedBody })
  res.status(201).json({ project: await fetchRecord(req, "billing_project", result.id) })
}
