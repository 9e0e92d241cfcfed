import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { deleteProjectWorkflow, updateProjectWorkflow } from "../../../../../workflows/catalog/project-workflows"
import { assertExists, fetchRecord } from "../../records"
import { AdminUpdateProjectType } from "../validators"

export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  res.json({ project: await fetchRecord(req, "billing_project", req.params.id) })
}

export const POST = async (req: AuthenticatedMedusaRequest<AdminUpdateProjectType>, res: MedusaResponse) => {
  await assertExists(req, "billing_project", req.params.id)
  await updateProjectWorkflow(req.scope).run({ input: { ...req.validatedBody, id: req.params.id } })
  res.json({ project: await fetchRecord(req, "billing_project", req.params.id) })
}

export const DELETE = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  await assertExists(req, "billing_project", req.params.id)
  await deleteProjectWorkflow(req.scope).run({ input: { id: req.params.id } })
  res.json({ id: req.params.id, object: "billing_project", deleted: true })
}
