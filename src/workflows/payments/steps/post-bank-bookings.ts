import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { BILLING_LEDGER_MODULE } from "../../../modules/billing-ledger"
import type BillingLedgerModuleService from "../../../modules/billing-ledger/service"
import type { AllocationToPost } from "../../../modules/billing-payment/service"
import { allocationPostings, allocationReversalPostings, type PostableAllocation } from "../bank-postings"
import { paymentModule } from "../matching-context"

function postable(allocation: AllocationToPost): PostableAllocation {
  const label = [allocation.entry_reference ? `bank entry ${allocation.entry_reference}` : `bank transaction ${allocation.transaction_id}`, allocation.counterparty_name]
    .filter(Boolean)
    .join(", ")
  return { ...allocation, transaction_label: label }
}

export const postBankBookingsStepId = "billing-post-bank-bookings"

/**
 * Posts what the bank bookings still owe the ledger — new bookings' allocations and reversed allocations —
 * in one ledger call, then marks them posted. It looks at everything unposted, not only at what this workflow
 * wrote, so a booking left unposted by a crash is posted by the next run; the ledger's idempotency keys make a
 * repeated posting a no-op. No compensation: the ledger is append-only, and what is posted belongs to
 * bookings that exist.
 */
export const postBankBookingsStep = createStep(postBankBookingsStepId, async (_: void, { container }) => {
  const payment = paymentModule(container)
  const ledger = container.resolve<BillingLedgerModuleService>(BILLING_LEDGER_MODULE)
  const work = await payment.postableBankWork()
  // Reversals first: a return's fee follows the reversal of what it returned, also on the customer's statement.
  const postings = [
    ...work.reversals.flatMap((allocation) =>
      allocationReversalPostings(postable(allocation), {
        booking_date: allocation.reversal_booking_date as string,
        reason: allocation.reversal_reason ?? "reversed",
        reference_id: allocation.reversed_by_transaction_id ?? allocation.transaction_id,
        created_by: allocation.reversed_by,
      })
    ),
    ...work.allocations.flatMap((allocation) => allocationPostings(postable(allocation))),
  ]
  if (postings.length) {
    await ledger.post(postings)
  }
  await payment.markBankWorkPosted({ booking_ids: work.unposted_booking_ids, reversed_allocation_ids: work.reversals.map((a) => a.allocation_id) })
  return new StepResponse({ postings: postings.length })
})
