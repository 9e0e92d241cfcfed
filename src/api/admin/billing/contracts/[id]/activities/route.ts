import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { assertExists, listRecords } from "../../../records"

/**
 * The contract's activities. Logistics filter `origin=SUBSCRIPTION` (and a `due_date` window) to learn which
 * boxes are due — the FAQ's "Wie kommt meine Logistik an die Information …".
 */
export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  await assertExists(req, "billing_contract", req.params.id)
  const { due_date, ...filters } = req.filterableFields as Record<string, unknown> & { due_date?: { lte?: string; gte?: string } }
  req.filterableFields = {
    ...filters,
    contract_id: req.params.id,
    ...(due_date ? { due_date: { ...(due_date.lte ? { $lte: due_date.lte } : {}), ...(due_date.gte ? { $gte: due_date.gte } : {}) } } : {}),
  }
  await listRecords(req, res, "billing_activity", "activities")
}
