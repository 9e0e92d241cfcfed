import { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { formatCents, toCents } from "../../../domain/matching/cents"
import type { MatchSuggestion } from "../../../domain/matching/types"
import { BILLING_INVOICE_MODULE } from "../../../modules/billing-invoice"
import type BillingInvoiceModuleService from "../../../modules/billing-invoice/service"
import { BILLING_LEDGER_MODULE } from "../../../modules/billing-ledger"
import type BillingLedgerModuleService from "../../../modules/billing-ledger/service"
import type { NewAllocation, StoredBankTransaction } from "../../../modules/billing-payment/service"
import { loadPendingCollections, paymentModule } from "../matching-context"
import type { BankDecisions } from "./apply-bank-decisions"
import type { CollectionUpdates } from "./sync-collections"

export interface ConfirmBankTransactionInput {
  id: string
  /** Book the n-th suggestion (from 0) as matching proposed it … */
  suggestion_index?: number
  /** … or these allocations; what they leave of the amount is credited to the customer. */
  allocations?: { invoice_id: string; amount: string; write_off_amount?: string }[]
  /** Whose account the rest is credited to (default: the invoices' customer, else the one matching named). */
  customer_id?: string | null
  created_by: string | null
}

export interface BookBankTransactionAsCreditInput {
  id: string
  /** Default: the customer matching named. */
  customer_id?: string | null
  note?: string | null
  created_by: string | null
}

export interface IgnoreBankTransactionInput {
  id: string
  reason?: string | null
  created_by: string | null
}

export interface UnmatchBankTransactionInput {
  id: string
  reason?: string | null
  /** Booking date of the reversal postings (today). */
  booking_date: string
  created_by: string | null
}

/** What an admin decision writes, and what it announces. */
export interface AdminDecision extends BankDecisions {
  collections: CollectionUpdates
  booked: { id: string; kind: "confirm" | "credit"; invoice_ids: string[]; customer_id: string | null }[]
}

const OPEN_STATUSES: StoredBankTransaction["status"][] = ["new", "review", "unmatched"]

const invalid = (message: string) => new MedusaError(MedusaError.Types.INVALID_DATA, message)

async function loadTransaction(container: MedusaContainer, id: string): Promise<StoredBankTransaction> {
  const [transaction] = await paymentModule(container).transactionsInStatus({
    statuses: ["new", "review", "unmatched", "booked", "ignored", "returned"],
    ids: [id],
  })
  if (!transaction) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `bank transaction "${id}" was not found`)
  }
  return transaction
}

function assertBookable(transaction: StoredBankTransaction) {
  if (transaction.kind !== "payment") {
    throw invalid(`bank transaction "${transaction.id}" is a ${transaction.direction} (${transaction.kind}), not an incoming payment; only payments are booked to invoices or credited`)
  }
  if (!OPEN_STATUSES.includes(transaction.status)) {
    throw invalid(`bank transaction "${transaction.id}" is ${transaction.status}${transaction.status === "booked" || transaction.status === "ignored" ? "; unmatch it first" : ""}`)
  }
}

async function assertCustomerExists(container: MedusaContainer, customerId: string, field: string) {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({ entity: "customer", fields: ["id"], filters: { id: customerId } })
  if (!data.length) {
    throw invalid(`${field}: customer "${customerId}" was not found`)
  }
}

function creditAllocation(transaction: StoredBankTransaction, customerId: string, cents: number): NewAllocation {
  return {
    kind: "credit",
    invoice_id: null,
    invoice_number: null,
    customer_id: customerId,
    currency_code: transaction.currency_code,
    amount: formatCents(cents),
    write_off_amount: "0.00",
    end_to_end_id: null,
    fee_counter_account: null,
  }
}

function learned(transaction: StoredBankTransaction, customerIds: string[]) {
  return transaction.counterparty_iban && customerIds.length === 1
    ? [{ iban: transaction.counterparty_iban, customer_id: customerIds[0], transaction_id: transaction.id }]
    : []
}

const noCollections: CollectionUpdates = { settlements: [], returns: [] }

export const prepareConfirmStepId = "billing-prepare-confirm-bank-transaction"

/**
 * Checks an admin's confirmation against the current state: the transaction is an unbooked payment, the
 * invoices are issued invoices in its currency with at least that much open, the allocations do not exceed
 * the amount, and the rest has a customer to be credited to.
 */
export const prepareConfirmStep = createStep(prepareConfirmStepId, async (input: ConfirmBankTransactionInput, { container }) => {
  const transaction = await loadTransaction(container, input.id)
  assertBookable(transaction)
  let requested: { invoice_id: string; amount: string; write_off_amount: string }[]
  let field: (index: number) => string
  let suggestedCustomer: string | null = null
  if (input.suggestion_index !== undefined) {
    const suggestions = (transaction.suggestions ?? []) as MatchSuggestion[]
    const suggestion = suggestions[input.suggestion_index]
    if (!suggestion) {
      throw invalid(`suggestion_index: bank transaction "${transaction.id}" has ${suggestions.length} suggestion(s), there is no suggestion ${input.suggestion_index}`)
    }
    requested = suggestion.allocations.map((a) => ({ invoice_id: a.invoice_id, amount: a.amount, write_off_amount: a.write_off_amount }))
    suggestedCustomer = suggestion.customer_id
    field = (index) => `suggestion ${input.suggestion_index}, allocation ${index}`
  } else {
    requested = (input.allocations ?? []).map((a) => ({ invoice_id: a.invoice_id, amount: a.amount, write_off_amount: a.write_off_amount ?? "0.00" }))
    field = (index) => `allocations[${index}]`
  }
  const seen = new Set<string>()
  requested.forEach((a, index) => {
    if (seen.has(a.invoice_id)) {
      throw invalid(`${field(index)}.invoice_id: invoice "${a.invoice_id}" is allocated twice`)
    }
    seen.add(a.invoice_id)
    if (toCents(a.amount) <= 0) {
      throw invalid(`${field(index)}.amount: must be greater than 0`)
    }
  })
  const total = requested.reduce((sum, a) => sum + toCents(a.amount), 0)
  const amount = toCents(transaction.amount)
  if (total > amount) {
    throw invalid(`allocations: they sum to ${formatCents(total)}, more than the payment's amount of ${transaction.amount}`)
  }

  const ids = requested.map((a) => a.invoice_id)
  const invoiceModule = container.resolve<BillingInvoiceModuleService>(BILLING_INVOICE_MODULE)
  const ledger = container.resolve<BillingLedgerModuleService>(BILLING_LEDGER_MODULE)
  const [details, balances] = ids.length ? await Promise.all([invoiceModule.openItemDetails(ids), ledger.invoiceBalances({ invoice_ids: ids })]) : [[], []]
  const detailOf = new Map(details.map((d) => [d.id, d]))
  const openOf = new Map(balances.map((b) => [b.invoice_id, b.open]))
  const allocations: NewAllocation[] = requested.map((a, index) => {
    const invoice = detailOf.get(a.invoice_id)
    if (!invoice) {
      throw invalid(`${field(index)}.invoice_id: "${a.invoice_id}" is not an issued, not cancelled invoice`)
    }
    if (invoice.currency_code.toLowerCase() !== transaction.currency_code.toLowerCase()) {
      throw invalid(`${field(index)}.invoice_id: invoice ${invoice.number} is in ${invoice.currency_code.toUpperCase()}, the payment in ${transaction.currency_code.toUpperCase()}`)
    }
    const open = openOf.get(a.invoice_id) ?? "0.00"
    // A negative remainder (a paid invoice that was cancelled) is credit on the account: nothing is open.
    const openCents = open.startsWith("-") ? 0 : toCents(open)
    if (toCents(a.amount) + toCents(a.write_off_amount) > openCents) {
      throw invalid(`${field(index)}.amount: ${a.amount}${toCents(a.write_off_amount) ? ` plus write-off ${a.write_off_amount}` : ""} is more than the ${open} open on invoice ${invoice.number}`)
    }
    return {
      kind: "invoice",
      invoice_id: a.invoice_id,
      invoice_number: invoice.number,
      customer_id: invoice.customer_id,
      currency_code: transaction.currency_code,
      amount: formatCents(toCents(a.amount)),
      write_off_amount: formatCents(toCents(a.write_off_amount)),
      end_to_end_id: null,
      fee_counter_account: null,
    }
  })
  const rest = amount - total
  if (rest > 0) {
    const customers = [...new Set(allocations.map((a) => a.customer_id))]
    const customerId = input.customer_id ?? (customers.length === 1 ? customers[0] : null) ?? suggestedCustomer ?? transaction.customer_id
    if (!customerId) {
      throw invalid(
        `customer_id: ${formatCents(rest)} of the payment are not allocated and no customer is known to credit them to${customers.length > 1 ? " (the invoices belong to several customers)" : ""}`
      )
    }
    if (input.customer_id) {
      await assertCustomerExists(container, input.customer_id, "customer_id")
    }
    allocations.push(creditAllocation(transaction, customerId, rest))
  }
  if (!allocations.length) {
    throw invalid("allocations: nothing to book — give a suggestion_index or at least one allocation")
  }

  const endToEnd = transaction.end_to_end_id
  const pending = endToEnd ? await loadPendingCollections(container, { end_to_end_ids: [endToEnd] }) : []
  const settlements: CollectionUpdates["settlements"] = []
  for (const allocation of allocations) {
    const collection = pending.find((c) => c.invoice_id === allocation.invoice_id)
    if (collection) {
      allocation.end_to_end_id = collection.end_to_end_id
      settlements.push({ end_to_end_id: collection.end_to_end_id, bank_transaction_id: transaction.id })
    }
  }
  const customers = [...new Set(allocations.map((a) => a.customer_id))]
  const decision: AdminDecision = {
    updates: [{ id: transaction.id, status: "booked", expect: [transaction.status], customer_id: customers.length === 1 ? customers[0] : transaction.customer_id, note: "confirmed by an admin" }],
    bookings: [{ transaction_id: transaction.id, kind: "manual", customer_id: customers.length === 1 ? customers[0] : null, created_by: input.created_by, allocations }],
    reversals: [],
    known_ibans: learned(transaction, customers),
    collections: { settlements, returns: [] },
    booked: [{ id: transaction.id, kind: "confirm", invoice_ids: allocations.filter((a) => a.invoice_id).map((a) => a.invoice_id as string), customer_id: customers.length === 1 ? customers[0] : null }],
  }
  return new StepResponse(decision)
})

export const prepareCreditStepId = "billing-prepare-bank-transaction-credit"

/** The whole payment as a credit on a customer account (the FAQ's booking of an unassignable payment). */
export const prepareCreditStep = createStep(prepareCreditStepId, async (input: BookBankTransactionAsCreditInput, { container }) => {
  const transaction = await loadTransaction(container, input.id)
  assertBookable(transaction)
  const customerId = input.customer_id ?? transaction.customer_id
  if (!customerId) {
    throw invalid(`customer_id: matching could not name the customer of bank transaction "${transaction.id}"; say whose account to credit`)
  }
  await assertCustomerExists(container, customerId, "customer_id")
  const decision: AdminDecision = {
    updates: [{ id: transaction.id, status: "booked", expect: [transaction.status], customer_id: customerId, note: input.note ?? "booked as credit on the customer account by an admin" }],
    bookings: [{ transaction_id: transaction.id, kind: "manual", customer_id: customerId, created_by: input.created_by, allocations: [creditAllocation(transaction, customerId, toCents(transaction.amount))] }],
    reversals: [],
    known_ibans: learned(transaction, [customerId]),
    collections: noCollections,
    booked: [{ id: transaction.id, kind: "credit", invoice_ids: [], customer_id: customerId }],
  }
  return new StepResponse(decision)
})

export const prepareIgnoreStepId = "billing-prepare-ignore-bank-transaction"

/** Takes a transaction out of the queue without booking it (a private transfer, a test payment …). */
export const prepareIgnoreStep = createStep(prepareIgnoreStepId, async (input: IgnoreBankTransactionInput, { container }) => {
  const transaction = await loadTransaction(container, input.id)
  if (!OPEN_STATUSES.includes(transaction.status)) {
    throw invalid(`bank transaction "${transaction.id}" is ${transaction.status}${transaction.status === "booked" ? "; unmatch it first" : ""}`)
  }
  const decision: AdminDecision = {
    updates: [{ id: transaction.id, status: "ignored", expect: [transaction.status], note: input.reason ? `ignored: ${input.reason}` : "ignored by an admin" }],
    bookings: [],
    reversals: [],
    known_ibans: [],
    collections: noCollections,
    booked: [],
  }
  return new StepResponse(decision)
})

export const prepareUnmatchStepId = "billing-prepare-unmatch-bank-transaction"

/**
 * Puts a booked (or ignored) payment back into the queue: its standing booking is reversed in the ledger with
 * `reversal` postings, so the invoices it paid are open again.
 */
export const prepareUnmatchStep = createStep(prepareUnmatchStepId, async (input: UnmatchBankTransactionInput, { container }) => {
  const transaction = await loadTransaction(container, input.id)
  if (transaction.kind !== "payment" || (transaction.status !== "booked" && transaction.status !== "ignored")) {
    throw invalid(
      `bank transaction "${transaction.id}" is ${transaction.kind === "payment" ? transaction.status : `a ${transaction.kind} (${transaction.status})`}; only booked or ignored payments can be unmatched`
    )
  }
  const allocations = transaction.status === "booked" ? await paymentModule(container).standingAllocations([transaction.id]) : []
  const back = ((transaction.suggestions ?? []) as unknown[]).length ? "review" : "unmatched"
  const reason = input.reason ? `unmatched: ${input.reason}` : "unmatched by an admin"
  const decision: AdminDecision = {
    updates: [{ id: transaction.id, status: back, expect: [transaction.status], note: reason }],
    bookings: [],
    reversals: allocations.length
      ? [{ allocation_ids: allocations.map((a) => a.allocation_id), reversed_by_transaction_id: null, reversed_by: input.created_by, reason, booking_date: input.booking_date }]
      : [],
    known_ibans: [],
    collections: noCollections,
    booked: [],
  }
  return new StepResponse(decision)
})
