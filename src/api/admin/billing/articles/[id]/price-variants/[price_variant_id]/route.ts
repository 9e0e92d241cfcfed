import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import {
  deletePriceVariantWorkflow,
  updatePriceVariantWorkflow,
} from "../../../../../../../workflows/catalog/article-workflows"
import { fetchRecord } from "../../../../records"
import { AdminUpdatePriceVariantType } from "../../../validators"

async function assertPriceVariantOfArticle(req: AuthenticatedMedusaRequest) {
  const variant = await fetchRecord(req, "billing_price_variant", req.params.price_variant_id, ["id", "article.id"])
  if (variant.article?.id !== req.params.id) {
    throw new MedusaError(
      MedusaError.Types.NOT_FOUND,
      `price variant "${req.params.price_variant_id}" does not belong to article "${req.params.id}"`
    )
  }
}

export const POST = async (req: AuthenticatedMedusaRequest<AdminUpdatePriceVariantType>, res: MedusaResponse) => {
  await assertPriceVariantOfArticle(req)
  await updatePriceVariantWorkflow(req.scope).run({ input: { id: req.params.price_variant_id, ...req.validatedBody } })
  res.json({ article: await fetchRecord(req, "billing_article", req.params.id) })
}

export const DELETE = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  await assertPriceVariantOfArticle(req)
  await deletePriceVariantWorkflow(req.scope).run({ input: { id: req.params.price_variant_id } })
  res.json({ id: req.params.price_variant_id, object: "billing_price_variant", deleted: true })
}
