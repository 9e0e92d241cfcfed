import { MathBN } from "@medusajs/framework/utils"
import { compareDates } from "../../domain/calendar-date"
import {
  buildPain008,
  collectionDate,
  formatFieldError,
  groupCollections,
  LocalInstrument,
  MAX_COLLECTION_AMOUNT,
  Pain008Batch,
  SEPA_MAX_LENGTH,
  SepaFieldError,
  sepaIdentifierProblem,
  SequenceType,
  validatePain008Batch,
} from "../../domain/sepa"
import { sumAmounts } from "../../domain/money"
import { debtorAddress, mandateProblems, StoredMandate } from "./mandate-rules"
import { ResolvedSepaCreditor } from "./sepa-creditor"

/** An issued invoice of a contract paying by SEPA direct debit, with its open amount and the customer's mandate. */
export interface SepaCandidate {
  invoice_id: string
  invoice_number: string | null
  customer_id: string
  contract_id: string
  currency_code: string
  issue_date: string | null
  due_date: string | null
  /** From the ledger (`invoiceBalances`). */
  open_amount: string
  /** The customer's active mandate, or null. */
  mandate: (StoredMandate & { id: string }) | null
  /** Collections of this invoice so far (any status): numbers the end-to-end id. */
  previous_collections: number
}

export interface SepaBatchPlanInput {
  today: string
  /** CreDtTm of the file (ISO date-time); its date is `today`. */
  created_at: string
  message_id: string
  /** The date asked for; otherwise each invoice's due date. Never earlier than pre-notification allows. */
  requested_collection_date: string | null
  creditor: ResolvedSepaCreditor
  local_instrument?: LocalInstrument
  candidates: readonly SepaCandidate[]
}

export interface PlannedCollection {
  invoice_id: string
  invoice_number: string | null
  customer_id: string
  contract_id: string
  mandate_id: string
  mandate_reference: string
  end_to_end_id: string
  payment_information_id: string
  sequence_type: SequenceType
  collection_date: string
  amount: string
  currency_code: string
  /** The mandate amendment this collection reports, if any. */
  amendment: Record<string, unknown> | null
}

export interface SkippedInvoice {
  invoice_id: string
  invoice_number: string | null
  customer_id: string
  reason: string
}

export interface SepaBatchPlan {
  /** Null when nothing can be collected (see `skipped`). */
  xml: string | null
  collections: PlannedCollection[]
  skipped: SkippedInvoice[]
  payment_groups: { payment_information_id: string; sequence_type: SequenceType; collection_date: string; count: number; control_sum: string }[]
  control_sum: string
  first_collection_date: string | null
  last_collection_date: string | null
  /** Per mandate used: the latest collection date in this file. */
  mandates: { id: string; last_collection_date: string }[]
}

/**
 * The end-to-end id of an invoice's n-th collection: "<invoice number>-<n>" when that is a valid SEPA
 * identifier (it shows on the debtor's statement next to the remittance text), otherwise "E<n>-<invoice id>"
 * cut to 35 characters. Unique because the invoice number (or id) is, and n counts every earlier collection.
 */
export function endToEndId(invoice: { invoice_id: string; invoice_number: string | null }, n: number): string {
  const fromNumber = invoice.invoice_number ? `${invoice.invoice_number}-${n}` : null
  if (fromNumber && sepaIdentifierProblem(fromNumber, SEPA_MAX_LENGTH.EndToEndId) === null) {
    return fromNumber
  }
  return `E${n}-${invoice.invoice_id.replace(/[^A-Za-z0-9]/g, "")}`.slice(0, SEPA_MAX_LENGTH.EndToEndId)
}

const TRANSACTION_PATH = /^payment_groups\[(\d+)\]\.transactions\[(\d+)\]\.?(.*)$/

function byCustomerThenAge(a: SepaCandidate, b: SepaCandidate): number {
  return (
    (a.customer_id < b.customer_id ? -1 : a.customer_id > b.customer_id ? 1 : 0) ||
    compareDates(a.issue_date ?? "0000-01-01", b.issue_date ?? "0000-01-01") ||
    (a.invoice_id < b.invoice_id ? -1 : a.invoice_id > b.invoice_id ? 1 : 0)
  )
}

/**
 * Which invoices one pain.008.001.08 file collects and how: sequence type FRST for a mandate's first
 * collection (its other invoices wait for the next file, RCUR), RCUR otherwise; collection date = the
 * requested date or the invoice's due date, but not before pre-notification and TARGET2 allow; payment
 * groups per (date, sequence type). Invoices that cannot be collected are listed with the reason and
 * left out — the file is built from the rest and validated against the domain's pain.008 rules. Pure.
 */
export function planSepaBatch(input: SepaBatchPlanInput): SepaBatchPlan {
  const skipped: SkippedInvoice[] = []
  const skip = (candidate: SepaCandidate, reason: string) =>
    skipped.push({ invoice_id: candidate.invoice_id, invoice_number: candidate.invoice_number, customer_id: candidate.customer_id, reason })
  const mandateErrors = new Map<string, SepaFieldError[]>()
  const firstUse = new Map<string, string>()
  let items: { candidate: SepaCandidate; sequence_type: SequenceType; collection_date: string; amount: string; end_to_end_id: string }[] = []

  for (const candidate of [...input.candidates].sort(byCustomerThenAge)) {
    const mandate = candidate.mandate
    const amount = MathBN.convert(candidate.open_amount)
    if (candidate.currency_code.toLowerCase() !== "eur") {
      skip(candidate, `currency_code: SEPA direct debits are in EUR, the invoice is in ${candidate.currency_code.toUpperCase()}`)
      continue
    }
    if (amount.lt("0.01")) {
      skip(candidate, "nothing is open on the invoice")
      continue
    }
    if (amount.gt(MAX_COLLECTION_AMOUNT)) {
      skip(candidate, `amount: ${amount.toFixed(2)} exceeds the SEPA maximum of ${MAX_COLLECTION_AMOUNT}`)
      continue
    }
    if (!mandate) {
      skip(candidate, "the customer has no active SEPA mandate")
      continue
    }
    if (!mandateErrors.has(mandate.id)) {
      mandateErrors.set(mandate.id, mandateProblems(mandate, input.today))
    }
    const problems = mandateErrors.get(mandate.id) as SepaFieldError[]
    if (problems.length) {
      skip(candidate, `mandate ${mandate.mandate_reference}: ${problems.map(formatFieldError).join("; ")}`)
      continue
    }
    let sequence: SequenceType = "RCUR"
    if (!mandate.first_collection_at) {
      const first = firstUse.get(mandate.id)
      if (first) {
        skip(candidate, `mandate ${mandate.mandate_reference}: its first collection (FRST, ${first}) is in this file; this invoice follows with RCUR in the next one`)
        continue
      }
      firstUse.set(mandate.id, candidate.invoice_number ?? candidate.invoice_id)
      sequence = "FRST"
    }
    items.push({
      candidate,
      sequence_type: sequence,
      collection_date: collectionDate(input.today, input.requested_collection_date ?? candidate.due_date, {
        pre_notification_days: input.creditor.pre_notification_days,
      }),
      amount: amount.toFixed(2),
      end_to_end_id: endToEndId(candidate, candidate.previous_collections + 1),
    })
  }

  const batchOf = (list: typeof items): Pain008Batch => {
    const groups = groupCollections(
      list.map((item) => {
        const mandate = item.candidate.mandate as StoredMandate & { id: string }
        return {
          sequence_type: item.sequence_type,
          collection_date: item.collection_date,
          transaction: {
            mandate_reference: mandate.mandate_reference,
            mandate_signature_date: mandate.signature_date,
            debtor_name: mandate.debtor_name,
            debtor_iban: mandate.debtor_iban,
            debtor_bic: mandate.debtor_bic,
            amendment: mandate.pending_amendment,
            last_collection_date: mandate.last_collection_date,
            end_to_end_id: item.end_to_end_id,
            amount: item.amount,
            debtor_address: debtorAddress(mandate),
            invoice_numbers: item.candidate.invoice_number ? [item.candidate.invoice_number] : null,
          },
        }
      }),
      { local_instrument: input.local_instrument ?? "CORE" }
    ).map((group, index) => ({ ...group, payment_information_id: `${input.message_id.slice(0, 31)}-${index + 1}` }))
    return { message_id: input.message_id, created_at: input.created_at, initiating_party_name: input.creditor.creditor.name, creditor: input.creditor.creditor, payment_groups: groups }
  }

  // Drop the transactions the file validation refuses (each reported with its reason), then validate again.
  let batch = batchOf(items)
  for (;;) {
    if (!items.length) {
      break
    }
    const errors = validatePain008Batch(batch)
    if (!errors.length) {
      break
    }
    const byEndToEnd = new Map<string, string[]>()
    const general: SepaFieldError[] = []
    for (const error of errors) {
      const match = TRANSACTION_PATH.exec(error.field)
      if (!match) {
        general.push(error)
        continue
      }
      const transaction = batch.payment_groups[Number(match[1])].transactions[Number(match[2])]
      byEndToEnd.set(transaction.end_to_end_id, [...(byEndToEnd.get(transaction.end_to_end_id) ?? []), formatFieldError({ field: match[3], reason: error.reason })])
    }
    if (general.length) {
      throw new Error(general.map(formatFieldError).join("; "))
    }
    items = items.filter((item) => {
      const problems = byEndToEnd.get(item.end_to_end_id)
      if (problems) {
        skip(item.candidate, problems.join("; "))
      }
      return !problems
    })
    batch = batchOf(items)
  }

  if (!items.length) {
    return { xml: null, collections: [], skipped, payment_groups: [], control_sum: "0.00", first_collection_date: null, last_collection_date: null, mandates: [] }
  }
  const xml = buildPain008(batch)
  const collections: PlannedCollection[] = batch.payment_groups.flatMap((group) =>
    group.transactions.map((transaction) => {
      const item = items.find((i) => i.end_to_end_id === transaction.end_to_end_id) as (typeof items)[number]
      const mandate = item.candidate.mandate as StoredMandate & { id: string }
      return {
        invoice_id: item.candidate.invoice_id,
        invoice_number: item.candidate.invoice_number,
        customer_id: item.candidate.customer_id,
        contract_id: item.candidate.contract_id,
        mandate_id: mandate.id,
        mandate_reference: mandate.mandate_reference,
        end_to_end_id: item.end_to_end_id,
        payment_information_id: group.payment_information_id as string,
        sequence_type: group.sequence_type,
        collection_date: group.collection_date,
        amount: item.amount,
        currency_code: "eur",
        amendment: mandate.pending_amendment ? { ...mandate.pending_amendment } : null,
      }
    })
  )
  const lastByMandate = new Map<string, string>()
  for (const c of collections) {
    const seen = lastByMandate.get(c.mandate_id)
    if (!seen || compareDates(c.collection_date, seen) > 0) {
      lastByMandate.set(c.mandate_id, c.collection_date)
    }
  }
  const dates = batch.payment_groups.map((g) => g.collection_date).sort(compareDates)
  return {
    xml,
    collections,
    skipped,
    payment_groups: batch.payment_groups.map((group) => ({
      payment_information_id: group.payment_information_id as string,
      sequence_type: group.sequence_type,
      collection_date: group.collection_date,
      count: group.transactions.length,
      control_sum: sumAmounts(group.transactions.map((t) => t.amount)),
    })),
    control_sum: sumAmounts(collections.map((c) => c.amount)),
    first_collection_date: dates[0],
    last_collection_date: dates[dates.length - 1],
    mandates: [...lastByMandate].map(([id, last_collection_date]) => ({ id, last_collection_date })).sort((a, b) => (a.id < b.id ? -1 : 1)),
  }
}
