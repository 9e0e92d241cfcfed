import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { createArticleGroupWorkflow } from "../../../../workflows/catalog/article-group-workflows"
import { fetchRecord, listRecords } from "../records"
import { AdminCreateArticleGroupType } from "./validators"

export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  await listRecords(req, res, "billing_article_group", "article_groups")
}

export const POST = async (req: AuthenticatedMedusaRequest<AdminCreateArticleGroupType>, res: MedusaResponse) => {
  const { result } = await createArticleGroupWorkflow(req.scope).run({ input: req.validatedBody })
  res.status(201).json({ article_group: await fetchRecord(req, "billing_article_group", result.id) })
}
