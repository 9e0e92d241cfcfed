import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { fetchRecord } from "../../records"

export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  res.json({ invoice: await fetchRecord(req, "billing_invoice", req.params.id) })
}
