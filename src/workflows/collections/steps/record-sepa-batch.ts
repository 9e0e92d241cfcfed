import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { BILLING_COLLECTION_MODULE } from "../../../modules/billing-collection"
import BillingCollectionModuleService, { RecordBatchInput } from "../../../modules/billing-collection/service"

/**
 * The batch, its collections (the invoices' "collection pending" mark) and the mandates' first use, in one
 * transaction; an invoice a concurrent batch took first fails it whole (unique pending collection).
 */
export const recordSepaBatchStep = createStep(
  "billing-record-sepa-batch",
  async (input: RecordBatchInput, { container }) => {
    const service = container.resolve<BillingCollectionModuleService>(BILLING_COLLECTION_MODULE)
    const previous = await service.recordBatch(input)
    return new StepResponse(input.batch.id, { batch_id: input.batch.id, mandates: previous })
  },
  async (undo, { container }) => {
    if (undo) {
      await container.resolve<BillingCollectionModuleService>(BILLING_COLLECTION_MODULE).undoRecordBatch(undo.batch_id, undo.mandates)
    }
  }
)
