import { MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { BILLING_COLLECTION_MODULE } from "../../../modules/billing-collection"
import BillingCollectionModuleService from "../../../modules/billing-collection/service"
import { bulkEntityId } from "../../../utils/entity-id"
import { planSepaBatch, SepaBatchPlan, SepaCandidate, SkippedInvoice } from "../sepa-batch-plan"
import { effectiveCreditorSettings, resolveSepaCreditor } from "../sepa-creditor"

export interface PlanSepaBatchStepInput {
  today: string
  now: Date | string
  requested_collection_date: string | null
  candidates: SepaCandidate[]
  skipped: SkippedInvoice[]
}

export interface PlannedSepaBatch {
  batch_id: string
  message_id: string
  created_at: string
  creditor_id: string
  plan: SepaBatchPlan & { xml: string }
  skipped: SkippedInvoice[]
}

/** At most this many reasons in a "nothing to collect" message; the rest are counted. */
const REASONS_IN_MESSAGE = 10

/**
 * Resolves the creditor (400 naming a misconfigured field) and plans the file. Nothing to collect is a 400
 * that says why, per invoice. Writes nothing.
 */
export const planSepaBatchStep = createStep("billing-plan-sepa-batch", async (input: PlanSepaBatchStepInput, { container }) => {
  const service = container.resolve<BillingCollectionModuleService>(BILLING_COLLECTION_MODULE)
  const [stored] = await service.listBillingSepaCreditors({ key: "default" })
  const { settings, source } = effectiveCreditorSettings(service.collectionOptions(), stored ?? null)
  const creditor = resolveSepaCreditor(settings, source)
  const batchId = bulkEntityId("bsba")
  // The batch id in the SEPA character set ("_" is not in it): traceable from the bank's side.
  const messageId = batchId.replace("bsba_", "BSBA-")
  const now = new Date(input.now)
  const createdAt = `${now.toISOString().slice(0, 19)}Z`
  let plan: SepaBatchPlan
  try {
    plan = planSepaBatch({
      today: input.today,
      created_at: createdAt,
      message_id: messageId,
      requested_collection_date: input.requested_collection_date,
      creditor,
      candidates: input.candidates,
    })
  } catch (error) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, `The SEPA file cannot be built: ${(error as Error).message}`)
  }
  const skipped = [...input.skipped, ...plan.skipped]
  if (plan.xml === null) {
    const reasons = skipped.slice(0, REASONS_IN_MESSAGE).map((s) => `${s.invoice_number ?? s.invoice_id}: ${s.reason}`)
    const more = skipped.length > REASONS_IN_MESSAGE ? `; and ${skipped.length - REASONS_IN_MESSAGE} more` : ""
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      skipped.length
        ? `invoice_ids: nothing to collect — ${reasons.join("; ")}${more}`
        : "invoice_ids: nothing to collect — no issued, unpaid invoices of contracts paying by sepa_debit that are not already in a pending collection"
    )
  }
  return new StepResponse<PlannedSepaBatch>({
    batch_id: batchId,
    message_id: messageId,
    created_at: createdAt,
    creditor_id: creditor.creditor.creditor_id,
    plan: plan as SepaBatchPlan & { xml: string },
    skipped,
  })
})
