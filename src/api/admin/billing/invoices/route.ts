import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { listRecords } from "../records"

export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  await listRecords(req, res, "billing_invoice", "invoices")
}
