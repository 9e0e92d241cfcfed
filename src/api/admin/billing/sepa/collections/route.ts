import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { listRecords } from "../../records"

/** SEPA collections (one per invoice and batch) with status pending / settled / returned / cancelled. */
export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  await listRecords(req, res, "billing_sepa_collection", "collections")
}
