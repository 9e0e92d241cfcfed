import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ensureDunningPdf } from "../../../../../../../workflows/dunning/dunning-document"
import { assertExists } from "../../../../records"

/** The stored PDF of a dunning notice (rendered and stored on first request if its run could not). */
export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  await assertExists(req, "billing_dunning_notice", req.params.id)
  const document = await ensureDunningPdf(req.scope, req.params.id)
  res.setHeader("Content-Type", "application/pdf")
  res.setHeader("Content-Disposition", `inline; filename="${document.filename}"`)
  res.send(document.pdf)
}
