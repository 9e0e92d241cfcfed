import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { createMandateWorkflow } from "../../../../../../workflows/collections/mandate-workflows"
import { today } from "../../../../../today"
import { AdminCreateMandateType } from "../../../collections/validators"
import { assertExists, fetchRecord, listRecords } from "../../../records"

/** The customer's SEPA mandates (active and revoked). */
export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  await assertExists(req, "customer", req.params.id)
  req.filterableFields = { ...req.filterableFields, customer_id: req.params.id }
  await listRecords(req, res, "billing_sepa_mandate", "mandates")
}

/** Records a mandate the customer signed; a 400 names every field a collection under it would fail on. */
export const POST = async (req: AuthenticatedMedusaRequest<AdminCreateMandateType>, res: MedusaResponse) => {
  await assertExists(req, "customer", req.params.id)
  const { result } = await createMandateWorkflow(req.scope).run({ input: { ...req.validatedBody, customer_id: req.params.id, today: today() } })
  res.status(201).json({ mandate: await fetchRecord(req, "billing_sepa_mandate", result.id) })
}
