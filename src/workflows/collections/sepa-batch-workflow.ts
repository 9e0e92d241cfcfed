import { MedusaContainer } from "@medusajs/framework/types"
import { MedusaError, Modules } from "@medusajs/framework/utils"
import { createStep, createWorkflow, StepResponse, transform, WorkflowData, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { emitEventStep } from "@medusajs/medusa/core-flows"
import { BillingEvents } from "../../events"
import { BILLING_COLLECTION_MODULE } from "../../modules/billing-collection"
import BillingCollectionModuleService from "../../modules/billing-collection/service"
import { SkippedInvoice } from "./sepa-batch-plan"
import { loadSepaCandidatesStep } from "./steps/load-sepa-candidates"
import { planSepaBatchStep } from "./steps/plan-sepa-batch"
import { recordSepaBatchStep } from "./steps/record-sepa-batch"
import { storeSepaFileStep } from "./steps/store-sepa-file"

export interface CreateSepaBatchInput {
  today: string
  now: Date | string
  /** Requested due date; moved to the earliest date pre-notification and TARGET2 allow. Default: each invoice's due date. */
  collection_date?: string | null
  invoice_ids?: string[] | null
}

export interface CreateSepaBatchResult {
  batch_id: string
  skipped: SkippedInvoice[]
}

export const createSepaBatchWorkflowId = "billing-create-sepa-batch"

/**
 * One pain.008.001.08 file for every collectable invoice: read candidates → plan (creditor, sequence types,
 * dates, per-invoice problems) → store the XML through the File module → record batch, collections and
 * mandate state in one transaction → `billing.sepa_batch.created`.
 */
export const createSepaBatchWorkflow = createWorkflow(createSepaBatchWorkflowId, (input: WorkflowData<CreateSepaBatchInput>) => {
  const loaded = loadSepaCandidatesStep(transform({ input }, ({ input }) => ({ invoice_ids: input.invoice_ids ?? null })))
  const planned = planSepaBatchStep(
    transform({ input, loaded }, ({ input, loaded }) => ({
      today: input.today,
      now: input.now,
      requested_collection_date: input.collection_date ?? null,
      candidates: loaded.candidates,
      skipped: loaded.skipped,
    }))
  )
  const fileId = storeSepaFileStep(transform({ planned }, ({ planned }) => ({ file_name: `${planned.message_id}.xml`, xml: planned.plan.xml })))
  const batchId = recordSepaBatchStep(
    transform({ planned, fileId }, ({ planned, fileId }) => ({
      batch: {
        id: planned.batch_id,
        message_id: planned.message_id,
        creation_date_time: planned.created_at,
        first_collection_date: planned.plan.first_collection_date as string,
        last_collection_date: planned.plan.last_collection_date as string,
        local_instrument: "CORE",
        transaction_count: planned.plan.collections.length,
        control_sum: planned.plan.control_sum,
        currency_code: "eur",
        file_id: fileId,
        file_name: `${planned.message_id}.xml`,
        creditor_id: planned.creditor_id,
      },
      collections: planned.plan.collections,
      mandates: planned.plan.mandates,
    }))
  )
  emitEventStep({
    eventName: BillingEvents.SEPA_BATCH_CREATED,
    data: transform({ planned }, ({ planned }) => ({ id: planned.batch_id, message_id: planned.message_id, collections: planned.plan.collections.length })),
  })
  return new WorkflowResponse(transform({ batchId, planned }, ({ batchId, planned }): CreateSepaBatchResult => ({ batch_id: batchId, skipped: planned.skipped })))
})

export const SEPA_BATCH_LOCK = "medusa-subscription-billing:sepa-batch"

/**
 * Builds a batch while holding the SEPA batch lock, so batches are built one after the other on any number
 * of processes: a second request waits and then finds the invoices the first one took in pending
 * collections. (The unique pending collection per invoice holds even without the lock.)
 */
export async function createSepaBatchExclusively(container: MedusaContainer, input: CreateSepaBatchInput, waitSeconds = 30): Promise<CreateSepaBatchResult> {
  const locking = container.resolve(Modules.LOCKING)
  try {
    return await locking.execute(SEPA_BATCH_LOCK, async () => (await createSepaBatchWorkflow(container).run({ input })).result, {
      timeout: waitSeconds,
      expire: 120,
    })
  } catch (error) {
    if (error instanceof Error && !(error instanceof MedusaError) && /timed-?out|timeout/i.test(error.message)) {
      throw new MedusaError(MedusaError.Types.NOT_ALLOWED, "Another SEPA batch is being generated right now; try again when it has finished")
    }
    throw error
  }
}

const changeBatchStatusStep = createStep(
  "billing-change-sepa-batch-status",
  async (input: { id: string; action: "submit" | "cancel" }, { container }) => {
    const service = container.resolve<BillingCollectionModuleService>(BILLING_COLLECTION_MODULE)
    if (input.action === "cancel") {
      return new StepResponse({ cancelled_collections: await service.cancelBatch(input.id) })
    }
    await service.markBatchSubmitted(input.id)
    return new StepResponse({ cancelled_collections: 0 })
  }
  // No compensation: this is the workflow's only mutating step and it runs in one transaction.
)

export const changeSepaBatchStatusWorkflowId = "billing-change-sepa-batch-status"
/**
 * `submit`: the file was uploaded to the bank. `cancel`: a generated batch is withdrawn; its collections
 * become "cancelled" and the invoices collectable again.
 */
export const changeSepaBatchStatusWorkflow = createWorkflow(
  changeSepaBatchStatusWorkflowId,
  (input: WorkflowData<{ id: string; action: "submit" | "cancel" }>) => new WorkflowResponse(changeBatchStatusStep(input))
)
