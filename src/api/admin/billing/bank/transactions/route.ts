import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { listRecords } from "../../records"

/** The review queue and everything else imported: `?status=review|unmatched|booked|ignored|returned|new`. */
export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  await listRecords(req, res, "billing_bank_transaction", "bank_transactions")
}
