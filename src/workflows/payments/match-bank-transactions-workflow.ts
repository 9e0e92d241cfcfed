import { MedusaContainer } from "@medusajs/framework/types"
import { createWorkflow, transform, WorkflowData, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { emitEventStep } from "@medusajs/medusa/core-flows"
import { BillingEvents } from "../../events"
import { runBankExclusively } from "./bank-lock"
import { matchPaymentsStep, type MatchBankTransactionsInput } from "./steps/match-payments"
import { matchReturnsStep } from "./steps/match-returns"
import { postBankBookingsStep } from "./steps/post-bank-bookings"
import { syncCollectionsStep } from "./steps/sync-collections"

export type { MatchBankTransactionsInput }

export interface MatchBankTransactionsResult {
  auto_booked: number
  review: number
  unmatched: number
  returned: number
  ignored: number
  collections_settled: number
  collections_returned: number
}

export const matchBankTransactionsWorkflowId = "billing-match-bank-transactions"

/**
 * One matching run: incoming payments first (booked automatically, or queued for review), then debits
 * (returns and reversals take their bookings back), then the ledger postings of everything booked or reversed,
 * then the SEPA collections that were paid or came back. Run it under the bank lock
 * (`matchBankTransactionsExclusively`).
 */
export const matchBankTransactionsWorkflow = createWorkflow(matchBankTransactionsWorkflowId, (input: WorkflowData<MatchBankTransactionsInput>) => {
  const payments = matchPaymentsStep(input)
  const returns = matchReturnsStep(input)
  postBankBookingsStep()
  const collections = syncCollectionsStep(
    transform({ payments, returns }, ({ payments, returns }) => ({ settlements: payments.settlements, returns: returns.collection_returns }))
  )
  const result = transform({ payments, returns, collections }, ({ payments, returns, collections }): MatchBankTransactionsResult => ({
    auto_booked: payments.counts.auto_booked,
    review: payments.counts.review,
    unmatched: payments.counts.unmatched + returns.counts.unmatched,
    returned: returns.counts.returned,
    ignored: returns.counts.ignored,
    collections_settled: collections.settled,
    collections_returned: collections.returned,
  }))
  emitEventStep({ eventName: BillingEvents.BANK_PAYMENT_RETURNED, data: transform({ returns }, ({ returns }) => returns.returned) }).config({
    name: "emit-bank-payments-returned",
  })
  emitEventStep({
    eventName: BillingEvents.BANK_MATCHING_COMPLETED,
    data: transform({ result }, ({ result }) => ({ auto_booked: result.auto_booked, review: result.review, unmatched: result.unmatched, returned: result.returned, ignored: result.ignored })),
  }).config({ name: "emit-bank-matching-completed" })
  return new WorkflowResponse(result)
})

/** A matching run under the bank lock (the job, `POST /admin/billing/bank/match`, and after every import). */
export async function matchBankTransactionsExclusively(container: MedusaContainer, input: MatchBankTransactionsInput = {}, waitSeconds?: number) {
  return runBankExclusively(container, async () => (await matchBankTransactionsWorkflow(container).run({ input })).result, waitSeconds)
}
