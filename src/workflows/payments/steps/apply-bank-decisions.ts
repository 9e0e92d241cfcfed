import { MedusaContainer } from "@medusajs/framework/types"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { BILLING_LEDGER_MODULE } from "../../../modules/billing-ledger"
import type BillingLedgerModuleService from "../../../modules/billing-ledger/service"
import type { AllocationReversal, AppliedBankDecisions, NewBooking, TransactionUpdate } from "../../../modules/billing-payment/service"
import { allocationPostings, allocationReversalPostings } from "../bank-postings"
import { paymentModule } from "../matching-context"

export interface BankDecisions {
  updates: TransactionUpdate[]
  bookings: NewBooking[]
  reversals: AllocationReversal[]
  known_ibans: { iban: string; customer_id: string; transaction_id: string }[]
}

const noLabel = { transaction_label: "" }

/**
 * Takes back what a failed workflow decided, except what the ledger has already got: a booking (or a
 * reversal) whose postings are in the ledger stays and is marked posted, with the statuses that go with it;
 * everything else is deleted or restored.
 */
export async function revertUnposted(container: MedusaContainer, applied: AppliedBankDecisions): Promise<void> {
  const payment = paymentModule(container)
  const ledger = container.resolve<BillingLedgerModuleService>(BILLING_LEDGER_MODULE)
  const [booked, reversed] = await Promise.all([
    payment.allocationsOf({ booking_ids: applied.booking_ids }),
    payment.allocationsOf({ allocation_ids: applied.reversed_allocation_ids }),
  ])
  const keysOf = new Map<string, string[]>()
  for (const allocation of booked) {
    keysOf.set(`b:${allocation.booking_id}`, [...(keysOf.get(`b:${allocation.booking_id}`) ?? []), ...allocationPostings({ ...allocation, ...noLabel }).map((p) => p.idempotency_key)])
  }
  for (const allocation of reversed) {
    const reversal = { booking_date: allocation.booking_date, reason: "", reference_id: "", created_by: null }
    keysOf.set(`r:${allocation.allocation_id}`, allocationReversalPostings({ ...allocation, ...noLabel }, reversal).map((p) => p.idempotency_key))
  }
  const allKeys = [...keysOf.values()].flat()
  const unposted = new Set(allKeys.length ? await ledger.unpostedReferences(allKeys) : [])
  const isPosted = (key: string) => (keysOf.get(key) ?? []).some((k) => !unposted.has(k))
  const keptBookings = new Set(applied.booking_ids.filter((id) => isPosted(`b:${id}`)))
  const keptReversals = new Set(applied.reversed_allocation_ids.filter((id) => isPosted(`r:${id}`)))
  const keptTransactions = new Set([
    ...booked.filter((a) => keptBookings.has(a.booking_id)).map((a) => a.transaction_id),
    ...reversed.filter((a) => keptReversals.has(a.allocation_id)).flatMap((a) => [a.transaction_id, a.reversed_by_transaction_id ?? ""]),
  ])
  if (keptBookings.size || keptReversals.size) {
    await payment.markBankWorkPosted({ booking_ids: [...keptBookings], reversed_allocation_ids: [...keptReversals] })
  }
  await payment.revertBankDecisions({
    ...applied,
    booking_ids: applied.booking_ids.filter((id) => !keptBookings.has(id)),
    reversed_allocation_ids: applied.reversed_allocation_ids.filter((id) => !keptReversals.has(id)),
    previous: applied.previous.filter((row) => !keptTransactions.has(row.id)),
  })
}

export const applyBankDecisionsStepId = "billing-apply-bank-decisions"

/** Writes decisions about bank transactions (statuses, bookings, reversals, learned IBANs) in one transaction. */
export const applyBankDecisionsStep = createStep(
  applyBankDecisionsStepId,
  async (input: BankDecisions, { container }) => {
    const applied = await paymentModule(container).applyBankDecisions(input)
    return new StepResponse({ booking_ids: applied.booking_ids }, applied)
  },
  async (applied, { container }) => {
    if (applied) {
      await revertUnposted(container, applied)
    }
  }
)
