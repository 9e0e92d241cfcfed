import { MedusaContainer } from "@medusajs/framework/types"
import { createWorkflow, transform, WorkflowData, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { emitEventStep } from "@medusajs/medusa/core-flows"
import { BillingEvents } from "../../events"
import { runBankExclusively } from "./bank-lock"
import { applyBankDecisionsStep } from "./steps/apply-bank-decisions"
import { postBankBookingsStep } from "./steps/post-bank-bookings"
import {
  prepareConfirmStep,
  prepareCreditStep,
  prepareIgnoreStep,
  prepareUnmatchStep,
  type AdminDecision,
  type BookBankTransactionAsCreditInput,
  type ConfirmBankTransactionInput,
  type IgnoreBankTransactionInput,
  type UnmatchBankTransactionInput,
} from "./steps/prepare-admin-decision"
import { syncCollectionsStep } from "./steps/sync-collections"

export type { BookBankTransactionAsCreditInput, ConfirmBankTransactionInput, IgnoreBankTransactionInput, UnmatchBankTransactionInput }

/** The part every admin decision shares: write it, post it to the ledger, tell the collections, announce bookings. */
function carryOut(decision: WorkflowData<AdminDecision>) {
  applyBankDecisionsStep(
    transform({ decision }, ({ decision }) => ({
      updates: decision.updates,
      bookings: decision.bookings,
      reversals: decision.reversals,
      known_ibans: decision.known_ibans,
    }))
  )
  postBankBookingsStep()
  syncCollectionsStep(transform({ decision }, ({ decision }) => decision.collections))
  emitEventStep({ eventName: BillingEvents.BANK_TRANSACTION_BOOKED, data: transform({ decision }, ({ decision }) => decision.booked) }).config({
    name: "emit-bank-transaction-booked",
  })
  return new WorkflowResponse(transform({ decision }, ({ decision }) => ({ id: decision.updates[0].id })))
}

export const confirmBankTransactionWorkflowId = "billing-confirm-bank-transaction"
/** Books a payment as a suggestion proposed it, or as the admin split it across invoices (rest as credit). */
export const confirmBankTransactionWorkflow = createWorkflow(confirmBankTransactionWorkflowId, (input: WorkflowData<ConfirmBankTransactionInput>) =>
  carryOut(prepareConfirmStep(input))
)

export const bookBankTransactionAsCreditWorkflowId = "billing-book-bank-transaction-as-credit"
/** Books the whole payment as a credit on a customer account. */
export const bookBankTransactionAsCreditWorkflow = createWorkflow(
  bookBankTransactionAsCreditWorkflowId,
  (input: WorkflowData<BookBankTransactionAsCreditInput>) => carryOut(prepareCreditStep(input))
)

export const ignoreBankTransactionWorkflowId = "billing-ignore-bank-transaction"
/** Takes a transaction out of the queue without booking anything. */
export const ignoreBankTransactionWorkflow = createWorkflow(ignoreBankTransactionWorkflowId, (input: WorkflowData<IgnoreBankTransactionInput>) =>
  carryOut(prepareIgnoreStep(input))
)

export const unmatchBankTransactionWorkflowId = "billing-unmatch-bank-transaction"
/** Reverses a payment's booking (the invoices are open again) and puts it back into the queue. */
export const unmatchBankTransactionWorkflow = createWorkflow(unmatchBankTransactionWorkflowId, (input: WorkflowData<UnmatchBankTransactionInput>) =>
  carryOut(prepareUnmatchStep(input))
)

/** Runs one of the admin workflows under the bank lock, so it cannot race a matching run. */
export async function runBankAdminWorkflow<I>(
  container: MedusaContainer,
  workflow: (container: MedusaContainer) => { run: (args: { input: I }) => Promise<{ result: { id: string } }> },
  input: I
): Promise<{ id: string }> {
  return runBankExclusively(container, async () => (await workflow(container).run({ input })).result)
}
