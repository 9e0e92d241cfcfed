import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { fetchRecord } from "../../../records"

export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  res.json({ notice: await fetchRecord(req, "billing_dunning_notice", req.params.id) })
}
