import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { addPriceVariantsWorkflow } from "../../../../../../workflows/catalog/article-workflows"
import { assertExists, fetchRecord } from "../../../records"
import { AdminAddPriceVariantsType } from "../../validators"

/** New prices from a date (a price change, a temporary adjustment, another tier or currency). */
export const POST = async (req: AuthenticatedMedusaRequest<AdminAddPriceVariantsType>, res: MedusaResponse) => {
  await assertExists(req, "billing_article", req.params.id)
  await addPriceVariantsWorkflow(req.scope).run({
    input: { article_id: req.params.id, price_variants: req.validatedBody.price_variants },
  })
  res.status(201).json({ article: await fetchRecord(req, "billing_article", req.params.id) })
}
