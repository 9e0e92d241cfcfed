import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { listRecords } from "../../records"

/** Card charge attempts with their outcome, provider error and next scheduled retry. */
export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  await listRecords(req, res, "billing_card_charge_attempt", "charges")
}
