import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { fetchRecord } from "../../../records"

/** A bank transaction with its suggestions and bookings (allocations, reversals). */
export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  res.json({ bank_transaction: await fetchRecord(req, "billing_bank_transaction", req.params.id) })
}
