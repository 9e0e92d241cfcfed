import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { collectionModule } from "../matching-context"

export interface CollectionUpdates {
  settlements: { end_to_end_id: string; bank_transaction_id: string }[]
  returns: { end_to_end_id: string; bank_transaction_id: string; return_reason: string | null }[]
}

export const syncCollectionsStepId = "billing-sync-sepa-collections"

/**
 * Tells the collection module which SEPA collections were paid (matched credit) or came back (return). Both
 * calls are idempotent. No compensation: the marks follow bookings that stay, and a later step failing does
 * not make the money arrive or return any less.
 */
export const syncCollectionsStep = createStep(syncCollectionsStepId, async (input: CollectionUpdates, { container }) => {
  const collections = collectionModule(container)
  const settled = input.settlements.length ? await collections.settleCollections(input.settlements) : 0
  const returned = input.returns.length ? await collections.returnCollections(input.returns) : 0
  return new StepResponse({ settled, returned })
})
