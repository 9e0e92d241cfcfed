import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { createSepaBatchExclusively } from "../../../../../workflows/collections/sepa-batch-workflow"
import { today } from "../../../../today"
import { AdminCreateSepaBatchType } from "../../collections/validators"
import { fetchRecord, listRecords } from "../../records"

export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  await listRecords(req, res, "billing_sepa_batch", "batches")
}

/**
 * Generates one pain.008.001.08 file for every collectable invoice (or the given ones). Invoices that cannot
 * be collected are listed in `skipped` with the reason; nothing to collect at all is a 400 saying why.
 */
export const POST = async (req: AuthenticatedMedusaRequest<AdminCreateSepaBatchType>, res: MedusaResponse) => {
  const now = new Date()
  const result = await createSepaBatchExclusively(req.scope, {
    today: today(now),
    now: now.toISOString(),
    collection_date: req.validatedBody.collection_date ?? null,
    invoice_ids: req.validatedBody.invoice_ids ?? null,
  })
  res.status(201).json({ batch: await fetchRecord(req, "billing_sepa_batch", result.batch_id), skipped: result.skipped })
}
