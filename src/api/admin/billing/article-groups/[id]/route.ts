import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { deleteArticleGroupWorkflow, updateArticleGroupWorkflow } from "../../../../../workflows/catalog/article-group-workflows"
import { assertExists, fetchRecord } from "../../records"
import { AdminUpdateArticleGroupType } from "../validators"

export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  res.json({ article_group: await fetchRecord(req, "billing_article_group", req.params.id) })
}

export const POST = async (req: AuthenticatedMedusaRequest<AdminUpdateArticleGroupType>, res: MedusaResponse) => {
  await assertExists(req, "billing_article_group", req.params.id)
  await updateArticleGroupWorkflow(req.scope).run({ input: { ...req.validatedBody, id: req.params.id } })
  res.json({ article_group: await fetchRecord(req, "billing_article_group", req.params.id) })
}

export const DELETE = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  await assertExists(req, "billing_article_group", req.params.id)
  await deleteArticleGroupWorkflow(req.scope).run({ input: { id: req.params.id } })
  res.json({ id: req.params.id, object: "billing_article_group", deleted: true })
}
