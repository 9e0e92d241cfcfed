import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { ensureInvoicePdf } from "../../../../../../workflows/documents/invoice-document"
import { assertExists } from "../../../records"

/** The stored PDF of an issued invoice or cancellation (rendered and stored on first request if the background job has not yet). */
export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  await assertExists(req, "billing_invoice", req.params.id)
  const document = await ensureInvoicePdf(req.scope, req.params.id)
  if (!document) {
    throw new MedusaError(MedusaError.Types.NOT_ALLOWED, `invoice "${req.params.id}" is a draft and has no document yet`)
  }
  res.setHeader("Content-Type", "application/pdf")
  res.setHeader("Content-Disposition", `inline; filename="${document.number}.pdf"`)
  res.send(document.pdf)
}
