import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { deleteArticleWorkflow, updateArticleWorkflow } from "../../../../../workflows/catalog/article-workflows"
import { assertExists, fetchRecord } from "../../records"
import { AdminUpdateArticleType } from "../validators"

export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  res.json({ article: await fetchRecord(req, "billing_article", req.params.id) })
}

export const POST = async (req: AuthenticatedMedusaRequest<AdminUpdateArticleType>, res: MedusaResponse) => {
  await assertExists(req, "billing_article", req.params.id)
  await updateArticleWorkflow(req.scope).run({ input: { ...req.validatedBody, id: req.params.id } })
  res.json({ article: await fetchRecord(req, "billing_article", req.params.id) })
}

export const DELETE = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  await assertExists(req, "billing_article", req.params.id)
  await deleteArticleWorkflow(req.scope).run({ input: { id: req.params.id } })
  res.json({ id: req.params.id, object: "billing_article", deleted: true })
}
