import { formatCents, toCents } from "../../domain/matching/cents"
import { matchTransaction, resolveMatchConfig } from "../../domain/matching/match-transaction"
import { normalizeReference } from "../../domain/matching/normalize"
import { buildOpenItemIndex } from "../../domain/matching/open-item-index"
import type { KnownIbans, MatchAllocation, MatchConfig, MatchInput, MatchSuggestion, OpenItem } from "../../domain/matching/types"
import type { NewAllocation, NewBooking, StoredBankTransaction, TransactionUpdate } from "../../modules/billing-payment/service"

/** A pending SEPA collection, as the collection module's `openCollections` returns it. */
export interface PendingCollection {
  id: string
  invoice_id: string
  customer_id: string
  end_to_end_id: string
  mandate_reference: string
  collection_date: string
  amount: string
  currency_code: string
  batch_id: string
  batch_message_id: string
  payment_information_id: string
}

/** An open invoice as the ledger and the invoice module describe it (joined by the workflow). */
export interface OpenInvoice {
  invoice_id: string
  invoice_number: string
  customer_id: string
  customer_number: string | null
  customer_name: string | null
  currency_code: string
  open_amount: string
  total_amount: string
  issue_date: string
  due_date: string
}

export interface PaymentMatchingInput {
  transactions: readonly StoredBankTransaction[]
  open_invoices: readonly OpenInvoice[]
  known_ibans: KnownIbans
  collections: readonly PendingCollection[]
  config: Partial<MatchConfig>
}

export interface PaymentMatchingPlan {
  updates: TransactionUpdate[]
  bookings: NewBooking[]
  /** Collections whose money arrived with a booked transaction. */
  settlements: { end_to_end_id: string; bank_transaction_id: string }[]
  known_ibans: { iban: string; customer_id: string; transaction_id: string }[]
  counts: { auto_booked: number; review: number; unmatched: number }
}

/** The engine's open items: invoices with the end-to-end ids and mandate of their pending collections. */
export function toOpenItems(invoices: readonly OpenInvoice[], collections: readonly PendingCollection[]): OpenItem[] {
  const byInvoice = new Map<string, PendingCollection[]>()
  for (const collection of collections) {
    const list = byInvoice.get(collection.invoice_id)
    if (list) {
      list.push(collection)
    } else {
      byInvoice.set(collection.invoice_id, [collection])
    }
  }
  return invoices.map((invoice) => {
    const pending = byInvoice.get(invoice.invoice_id)
    return {
      invoice_id: invoice.invoice_id,
      invoice_number: invoice.invoice_number,
      customer_id: invoice.customer_id,
      customer_number: invoice.customer_number,
      customer_name: invoice.customer_name ?? "",
      currency: invoice.currency_code.toUpperCase(),
      open_amount: invoice.open_amount,
      total_amount: invoice.total_amount,
      issue_date: invoice.issue_date,
      due_date: invoice.due_date,
      end_to_end_ids: pending?.map((c) => c.end_to_end_id),
      mandate_id: pending?.[0].mandate_reference ?? null,
      collection_date: pending?.[0].collection_date ?? null,
    }
  })
}

export function matchInputOf(transaction: StoredBankTransaction): MatchInput {
  return {
    amount: transaction.amount,
    currency: transaction.currency_code.toUpperCase(),
    booking_date: transaction.booking_date,
    remittance_text: transaction.remittance_text,
    structured_reference: transaction.structured_reference,
    end_to_end_id: transaction.end_to_end_id,
    mandate_id: transaction.mandate_id,
    counterparty_name: transaction.counterparty_name,
    counterparty_iban: transaction.counterparty_iban,
  }
}

/** Collections grouped by what a batch credit's text names: payment information id, else message id. */
function batchGroups(collections: readonly PendingCollection[]) {
  const groups = new Map<string, PendingCollection[]>()
  for (const collection of collections) {
    for (const key of [collection.payment_information_id, collection.batch_message_id]) {
      const normalised = normalizeReference(key ?? "")
      // Short ids would be found inside unrelated texts; generated ids are long.
      if (normalised.length >= 8) {
        const group = groups.get(normalised)
        if (group) {
          group.push(collection)
        } else {
          groups.set(normalised, [collection])
        }
      }
    }
  }
  return groups
}

/** A batch credit: the text names a batch (or payment information block) and the amount is its pending sum. */
function batchCredit(transaction: StoredBankTransaction, groups: Map<string, PendingCollection[]>): { key: string; collections: PendingCollection[] } | null {
  if (!groups.size) {
    return null
  }
  const text = normalizeReference(`${transaction.remittance_text} ${transaction.structured_reference ?? ""} ${transaction.end_to_end_id ?? ""}`)
  const amount = toCents(transaction.amount)
  for (const [key, collections] of groups) {
    if (!text.includes(key)) {
      continue
    }
    const sameCurrency = collections.every((c) => c.currency_code.toLowerCase() === transaction.currency_code.toLowerCase())
    if (sameCurrency && collections.reduce((sum, c) => sum + toCents(c.amount), 0) === amount) {
      return { key, collections }
    }
  }
  return null
}

/**
 * Decides every incoming payment: books it when the engine is sure (decision "auto" at or above the
 * threshold), or when it is a batch credit of our own SEPA collections; everything else goes to the review
 * queue (with the ranked suggestions) or stays unmatched. Within one run an invoice is never paid beyond its
 * open amount: a second payment for an invoice the run has already settled goes to review.
 */
export function planPaymentMatching(input: PaymentMatchingInput): PaymentMatchingPlan {
  const config = resolveMatchConfig(input.config)
  const openItems = toOpenItems(input.open_invoices, input.collections)
  const index = buildOpenItemIndex(openItems)
  const remaining = new Map(openItems.map((item) => [item.invoice_id, toCents(item.open_amount)]))
  const customerOf = new Map(openItems.map((item) => [item.invoice_id, item.customer_id]))
  const numberOf = new Map(openItems.map((item) => [item.invoice_id, item.invoice_number]))
  const collectionByEndToEnd = new Map(input.collections.map((c) => [c.end_to_end_id, c]))
  const groups = batchGroups(input.collections)
  const settledInRun = new Set<string>()
  const plan: PaymentMatchingPlan = { updates: [], bookings: [], settlements: [], known_ibans: [], counts: { auto_booked: 0, review: 0, unmatched: 0 } }

  for (const transaction of input.transactions) {
    const expect: TransactionUpdate["expect"] = [transaction.status]
    const batch = batchCredit(transaction, groups)
    let allocations: MatchAllocation[]
    let creditAmount = "0.00"
    let customerId: string | null
    let confidence: number
    let suggestions: MatchSuggestion[]
    let auto: boolean
    let note: string | null = null
    if (batch && !batch.collections.some((c) => settledInRun.has(c.end_to_end_id))) {
      allocations = batch.collections.map((c) => ({
        invoice_id: c.invoice_id,
        invoice_number: numberOf.get(c.invoice_id) ?? c.invoice_id,
        amount: c.amount,
        write_off_amount: "0.00",
      }))
      const customers = new Set(batch.collections.map((c) => c.customer_id))
      customerId = customers.size === 1 ? batch.collections[0].customer_id : null
      confidence = 0.99
      const reasons = [`batch credit of our SEPA collections (${batch.collections.length}, reference ${batch.key}), amount equals their pending sum`]
      suggestions = [{ allocations, customer_id: customerId, confidence, credit_amount: "0.00", write_off_amount: "0.00", reasons }]
      auto = true
    } else {
      const result = matchTransaction(matchInputOf(transaction), index, input.known_ibans, input.config)
      allocations = result.allocations
      creditAmount = result.credit_amount
      customerId = result.customer_id
      confidence = result.confidence
      suggestions = result.suggestions
      auto = result.decision === "auto" && result.confidence >= config.threshold
      if (!auto) {
        const status = result.decision === "unmatched" ? "unmatched" : "review"
        plan.updates.push({ id: transaction.id, status, expect, confidence, customer_id: customerId, suggestions, note: null })
        plan.counts[status] += 1
        continue
      }
    }

    const cents = toCents(transaction.amount)
    const allocated = allocations.reduce((sum, a) => sum + toCents(a.amount), 0) + toCents(creditAmount)
    const short = allocations.find((a) => (remaining.get(a.invoice_id) ?? 0) < toCents(a.amount) + toCents(a.write_off_amount))
    if (allocated !== cents) {
      note = `the allocations (${formatCents(allocated)}) do not add up to the amount (${transaction.amount})`
    } else if (short) {
      note = `invoice ${short.invoice_number} has less open than this payment would settle (paid by another transaction of this run?)`
    } else if (toCents(creditAmount) > 0 && !customerId) {
      note = `no single customer for the credit of ${creditAmount}`
    }
    if (note) {
      plan.updates.push({ id: transaction.id, status: "review", expect, confidence, customer_id: customerId, suggestions, note })
      plan.counts.review += 1
      continue
    }

    const bookingAllocations: NewAllocation[] = allocations.map((a) => {
      remaining.set(a.invoice_id, (remaining.get(a.invoice_id) ?? 0) - toCents(a.amount) - toCents(a.write_off_amount))
      const collection = batch
        ? batch.collections.find((c) => c.invoice_id === a.invoice_id) ?? null
        : transaction.end_to_end_id && collectionByEndToEnd.get(transaction.end_to_end_id)?.invoice_id === a.invoice_id
          ? collectionByEndToEnd.get(transaction.end_to_end_id) ?? null
          : null
      if (collection) {
        settledInRun.add(collection.end_to_end_id)
        plan.settlements.push({ end_to_end_id: collection.end_to_end_id, bank_transaction_id: transaction.id })
      }
      return {
        kind: "invoice",
        invoice_id: a.invoice_id,
        invoice_number: a.invoice_number,
        customer_id: customerOf.get(a.invoice_id) ?? (customerId as string),
        currency_code: transaction.currency_code,
        amount: a.amount,
        write_off_amount: a.write_off_amount,
        end_to_end_id: collection?.end_to_end_id ?? null,
        fee_counter_account: null,
      }
    })
    if (toCents(creditAmount) > 0) {
      bookingAllocations.push({
        kind: "credit",
        invoice_id: null,
        invoice_number: null,
        customer_id: customerId as string,
        currency_code: transaction.currency_code,
        amount: creditAmount,
        write_off_amount: "0.00",
        end_to_end_id: null,
        fee_counter_account: null,
      })
    }
    const bookedCustomers = new Set(bookingAllocations.map((a) => a.customer_id))
    const bookedCustomer = bookedCustomers.size === 1 ? [...bookedCustomers][0] : null
    plan.bookings.push({ transaction_id: transaction.id, kind: "auto", customer_id: bookedCustomer, created_by: null, allocations: bookingAllocations })
    // What was booked is the first suggestion; the alternatives matter only while a person decides.
    plan.updates.push({ id: transaction.id, status: "booked", expect, confidence, customer_id: bookedCustomer ?? customerId, suggestions: suggestions.slice(0, 1), note: null })
    if (bookedCustomer && transaction.counterparty_iban) {
      plan.known_ibans.push({ iban: transaction.counterparty_iban, customer_id: bookedCustomer, transaction_id: transaction.id })
    }
    plan.counts.auto_booked += 1
  }
  return plan
}
