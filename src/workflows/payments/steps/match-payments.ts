import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { loadKnownIbans, loadOpenInvoices, loadPendingCollections, paymentModule } from "../matching-context"
import type { AppliedBankDecisions } from "../../../modules/billing-payment/service"
import { planPaymentMatching, type PaymentMatchingPlan } from "../matching-plan"
import { revertUnposted } from "./apply-bank-decisions"

export interface MatchBankTransactionsInput {
  /** Only these transactions (default: all waiting). */
  transaction_ids?: string[] | null
  /** Match the review queue and unmatched transactions again too (new invoices may have come). */
  include_review?: boolean
}

export const matchPaymentsStepId = "billing-match-bank-payments"

/**
 * Matches the incoming payments that wait (status "new"; with `include_review` also "review" and "unmatched")
 * against all open items and writes the decisions: bookings for what the engine is sure of, the review queue
 * (with ranked suggestions) and "unmatched" for the rest. Open items, pending collections and known IBANs are
 * read once per run, whatever the number of payments.
 */
export const matchPaymentsStep = createStep(
  matchPaymentsStepId,
  async (input: MatchBankTransactionsInput, { container }) => {
    const payment = paymentModule(container)
    const statuses = input.include_review ? (["new", "review", "unmatched"] as const) : (["new"] as const)
    const transactions = (await payment.transactionsInStatus({ statuses: [...statuses], ids: input.transaction_ids ?? null })).filter((t) => t.kind === "payment")
    if (!transactions.length) {
      return new StepResponse({ counts: { auto_booked: 0, review: 0, unmatched: 0 }, settlements: [] as PaymentMatchingPlan["settlements"] }, null as AppliedBankDecisions | null)
    }
    const currencies = [...new Set(transactions.map((t) => t.currency_code))]
    const [openInvoices, collections, knownIbans] = await Promise.all([
      loadOpenInvoices(container, currencies),
      loadPendingCollections(container),
      loadKnownIbans(container),
    ])
    const plan = planPaymentMatching({
      transactions,
      open_invoices: openInvoices,
      known_ibans: knownIbans,
      collections,
      config: payment.matchingConfig(),
    })
    const applied = await payment.applyBankDecisions({ updates: plan.updates, bookings: plan.bookings, reversals: [], known_ibans: plan.known_ibans })
    return new StepResponse({ counts: plan.counts, settlements: plan.settlements }, applied as AppliedBankDecisions | null)
  },
  async (applied, { container }) => {
    if (applied) {
      await revertUnposted(container, applied)
    }
  }
)
