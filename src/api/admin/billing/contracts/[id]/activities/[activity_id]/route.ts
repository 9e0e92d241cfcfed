import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { deleteUnbilledActivityWorkflow } from "../../../../../../../workflows/billing/cancel-invoice-workflow"
import { assertExists } from "../../../../records"

/** Deletes an unbilled activity; if it is still due, the next billing run re-creates it with today's prices. */
export const DELETE = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  await assertExists(req, "billing_contract", req.params.id)
  await deleteUnbilledActivityWorkflow(req.scope).run({ input: { contract_id: req.params.id, activity_id: req.params.activity_id } })
  res.json({ id: req.params.activity_id, object: "billing_activity", deleted: true })
}
