import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { createArticleWorkflow } from "../../../../workflows/catalog/article-workflows"
import { fetchRecord, listRecords } from "../records"
import { AdminCreateArticleType } from "./validators"

export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  await listRecords(req, res, "billing_article", "articles")
}

export const POST = async (req: AuthenticatedMedusaRequest<AdminCreateArticleType>, res: MedusaResponse) => {
  const { result } = await createArticleWorkflow(req.scope).run({ input: req.validatedBody })
  res.status(201).json({ article: await fetchRecord(req, "billing_article", result.id) })
}
