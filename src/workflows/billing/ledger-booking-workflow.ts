import { MathBN, MedusaError } from "@medusajs/framework/utils"
import { createStep, createWorkflow, StepResponse, WorkflowData, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { manualBookingEntries, ManualCounterAccount } from "../../domain/ledger/postings"
import { BILLING_LEDGER_MODULE } from "../../modules/billing-ledger"
import BillingLedgerModuleService from "../../modules/billing-ledger/service"
import { decimalField } from "../../utils/decimal-field"
import { postingEntries } from "./ledger-accounts"

export interface ManualBookingInput {
  customer_id: string
  currency_code: string
  amount: string
  direction: "credit" | "debit"
  counter_account: ManualCounterAccount
  booking_date: string
  reason: string
  reference: string | null
  invoice_id: string | null
  created_by: string | null
  idempotency_key: string
}

const postManualBookingStep = createStep("billing-post-manual-booking", async (input: ManualBookingInput, { container }) => {
  const ledger = container.resolve<BillingLedgerModuleService>(BILLING_LEDGER_MODULE)
  let entries
  try {
    entries = manualBookingEntries({
      customer_id: input.customer_id,
      amount: input.amount,
      direction: input.direction,
      counter: input.counter_account,
    })
  } catch (error) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, `amount: ${(error as Error).message}`)
  }
  const { created } = await ledger.post([
    {
      idempotency_key: input.idempotency_key,
      kind: "manual",
      booking_date: input.booking_date,
      currency_code: input.currency_code,
      customer_id: input.customer_id,
      reference_type: input.reference ? "reference" : null,
      reference_id: input.reference,
      description: input.reason,
      reason: input.reason,
      created_by: input.created_by,
      entries: postingEntries(entries, input.currency_code, input.invoice_id),
    },
  ])
  // The ledger is append-only: a wrong manual booking is corrected by a reversing booking, not undone here.
  if (created[0]) {
    return new StepResponse(created[0])
  }
  // A repeated request (same Idempotency-Key) booked nothing; answer with the posting the first one made —
  // but only if it is the same booking: a key reused for another one is a client error, not a silent no-op.
  const [existing] = await ledger.listBillingLedgerPostings(
    { idempotency_key: input.idempotency_key },
    { relations: ["entries", "entries.account"] }
  )
  const asked = bookingFingerprint({
    customer_id: input.customer_id,
    currency_code: input.currency_code,
    reason: input.reason,
    reference_id: input.reference,
    entries: postingEntries(entries, input.currency_code, input.invoice_id).map((e) => ({ code: e.account.code, amount: e.amount, invoice_id: e.invoice_id ?? null })),
  })
  const stored = bookingFingerprint({
    ...existing,
    entries: existing.entries.map((e) => ({ code: e.account.code, amount: decimalField(e, "amount") as string, invoice_id: e.invoice_id })),
  })
  if (asked !== stored) {
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      `Idempotency-Key: "${input.idempotency_key.replace(/^manual:/, "")}" was already used for a different booking (${existing.id}); use a new key for a new booking`
    )
  }
  return new StepResponse(existing.id)
})

/**
 * What makes two manual bookings the same: customer, currency, reason, reference and entries. Not the date,
 * which defaults to "today": a retry after midnight is still the same booking.
 */
function bookingFingerprint(booking: {
  customer_id: string | null
  currency_code: string
  reason: string | null
  reference_id: string | null
  entries: { code: string; amount: string; invoice_id: string | null }[]
}): string {
  const entries = booking.entries.map((e) => `${e.code}|${MathBN.convert(e.amount).toFixed(2)}|${e.invoice_id ?? ""}`).sort()
  return JSON.stringify([booking.customer_id, booking.currency_code, booking.reason, booking.reference_id, entries])
}

export const manualBookingWorkflowId = "billing-manual-booking"
export const manualBookingWorkflow = createWorkflow(manualBookingWorkflowId, (input: WorkflowData<ManualBookingInput>) => {
  return new WorkflowResponse(postManualBookingStep(input))
})
