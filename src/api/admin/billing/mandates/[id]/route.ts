import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { updateMandateWorkflow } from "../../../../../workflows/collections/mandate-workflows"
import { today } from "../../../../today"
import { AdminUpdateMandateType } from "../../collections/validators"
import { assertExists, fetchRecord } from "../../records"

export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  res.json({ mandate: await fetchRecord(req, "billing_sepa_mandate", req.params.id) })
}

/** Amends the mandate (the next collection reports the change to the debtor's bank) or revokes it (`status: "revoked"`). */
export const POST = async (req: AuthenticatedMedusaRequest<AdminUpdateMandateType>, res: MedusaResponse) => {
  await assertExists(req, "billing_sepa_mandate", req.params.id)
  await updateMandateWorkflow(req.scope).run({ input: { ...req.validatedBody, id: req.params.id, today: today() } })
  res.json({ mandate: await fetchRecord(req, "billing_sepa_mandate", req.params.id) })
}
