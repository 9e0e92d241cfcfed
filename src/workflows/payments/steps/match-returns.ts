import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { loadPendingCollections, paymentModule } from "../matching-context"
import type { AppliedBankDecisions } from "../../../modules/billing-payment/service"
import { planReturnMatching, type ReturnMatchingPlan } from "../return-plan"
import { revertUnposted } from "./apply-bank-decisions"
import type { MatchBankTransactionsInput } from "./match-payments"

const NOT_PROVIDED = "NOTPROVIDED"
const present = (values: (string | null)[]) => [...new Set(values.filter((v): v is string => !!v && v.toUpperCase() !== NOT_PROVIDED))]

export const matchReturnsStepId = "billing-match-bank-returns"

/**
 * Matches the debits that wait (returns, reversals, ordinary debits) to what they take back, after the
 * payments of the same run are booked — a statement may bring a credit and its return together. Reverses
 * those bookings, charges return fees, and reports the collections that came back.
 */
export const matchReturnsStep = createStep(
  matchReturnsStepId,
  async (input: MatchBankTransactionsInput, { container }) => {
    const payment = paymentModule(container)
    const statuses = input.include_review ? (["new", "unmatched"] as const) : (["new"] as const)
    const debits = (await payment.transactionsInStatus({ statuses: [...statuses], ids: input.transaction_ids ?? null })).filter((t) => t.kind !== "payment")
    const empty: Pick<ReturnMatchingPlan, "counts" | "collection_returns" | "returned"> = {
      counts: { returned: 0, unmatched: 0, ignored: 0 },
      collection_returns: [],
      returned: [],
    }
    if (!debits.length) {
      return new StepResponse(empty, null as AppliedBankDecisions | null)
    }
    const endToEndIds = present(debits.map((d) => d.end_to_end_id))
    const [candidates, collections] = await Promise.all([
      payment.returnCandidates({
        end_to_end_ids: endToEndIds,
        mandate_ids: present(debits.filter((d) => d.kind === "return").map((d) => d.mandate_id)),
        counterparty_ibans: present(debits.filter((d) => d.reversal).map((d) => d.counterparty_iban)),
      }),
      endToEndIds.length ? loadPendingCollections(container, { end_to_end_ids: endToEndIds }) : Promise.resolve([]),
    ])
    const plan = planReturnMatching({ debits, originals: candidates.transactions, allocations: candidates.allocations, collections })
    const applied = await payment.applyBankDecisions({ updates: plan.updates, bookings: plan.bookings, reversals: plan.reversals, known_ibans: [] })
    const result: typeof empty = { counts: plan.counts, collection_returns: plan.collection_returns, returned: plan.returned }
    return new StepResponse(result, applied as AppliedBankDecisions | null)
  },
  async (applied, { container }) => {
    if (applied) {
      await revertUnposted(container, applied)
    }
  }
)
