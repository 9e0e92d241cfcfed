import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { changeSepaBatchStatusWorkflow } from "../../../../../../workflows/collections/sepa-batch-workflow"
import { AdminUpdateSepaBatchType } from "../../../collections/validators"
import { assertExists, fetchRecord } from "../../../records"

/** A batch with its collections. */
export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  res.json({ batch: await fetchRecord(req, "billing_sepa_batch", req.params.id) })
}

/** `{ action: "submit" }` once the file is at the bank; `{ action: "cancel" }` withdraws a generated batch. */
export const POST = async (req: AuthenticatedMedusaRequest<AdminUpdateSepaBatchType>, res: MedusaResponse) => {
  await assertExists(req, "billing_sepa_batch", req.params.id)
  const { result } = await changeSepaBatchStatusWorkflow(req.scope).run({ input: { id: req.params.id, action: req.validatedBody.action } })
  res.json({ batch: await fetchRecord(req, "billing_sepa_batch", req.params.id), cancelled_collections: result.cancelled_collections })
}
