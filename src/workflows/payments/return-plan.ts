import { formatCents, toCents } from "../../domain/matching/cents"
import type { AllocationReversal, AllocationToPost, NewBooking, StoredBankTransaction, TransactionUpdate } from "../../modules/billing-payment/service"
import type { PendingCollection } from "./matching-plan"

export interface ReturnMatchingInput {
  /** Debits to look at: returns, bank reversals, and ordinary debits (which may turn out to be returns). */
  debits: readonly StoredBankTransaction[]
  /** Credit transactions that may be the originals (see `returnCandidates`). */
  originals: readonly StoredBankTransaction[]
  /** Standing allocations of the originals' bookings, and allocations that settled a collection. */
  allocations: readonly AllocationToPost[]
  /** Collections not settled yet with the debits' end-to-end ids (returned before the money was matched). */
  collections: readonly PendingCollection[]
}

export interface ReturnMatchingPlan {
  updates: TransactionUpdate[]
  bookings: NewBooking[]
  reversals: AllocationReversal[]
  /** Our SEPA collections that came back. */
  collection_returns: { end_to_end_id: string; bank_transaction_id: string; return_reason: string | null }[]
  /** One per return that took something back: for the `billing.bank.payment_returned` event. */
  returned: { id: string; returns_transaction_id: string | null; invoice_ids: string[]; customer_id: string | null; fee_amount: string | null }[]
  counts: { returned: number; unmatched: number; ignored: number }
}

const NOT_PROVIDED = "NOTPROVIDED"

function meaningful(id: string | null): string | null {
  const trimmed = id?.trim()
  return trimmed && trimmed.toUpperCase() !== NOT_PROVIDED ? trimmed : null
}

interface Original {
  /** The credit the debit takes back (when it is one of our transactions), read whole when its status changes. */
  transaction: StoredBankTransaction | null
  transaction_id: string | null
  /** What of its booking is taken back (empty when it was never booked). */
  allocations: AllocationToPost[]
  /** Money that came back: the allocations' sum, or the unbooked credit's or the collection's amount. */
  cents: number
  customer_id: string | null
  invoice_ids: string[]
  how: string
}

/**
 * Decides every debit: a return of a SEPA collection or a bank transfer, or the bank's reversal of a credit,
 * is matched to what it takes back — by end-to-end id (our collection's, or the credit's), else by mandate
 * and amount, else (a reversal) by counterparty IBAN and amount — and that booking is reversed, so the
 * invoice is open again. The fee (`fee_amount`) is charged to the customer on the returned invoice. The
 * debit's amount must be what comes back, or that plus the fee; otherwise, or when nothing is found, the debit
 * waits in the queue as "unmatched". Ordinary debits (and credits reversing a debit) that take nothing back are
 * ignored.
 */
export function planReturnMatching(input: ReturnMatchingInput): ReturnMatchingPlan {
  const plan: ReturnMatchingPlan = { updates: [], bookings: [], reversals: [], collection_returns: [], returned: [], counts: { returned: 0, unmatched: 0, ignored: 0 } }
  const takenAllocations = new Set<string>()
  const takenTransactions = new Set<string>()
  const allocationsOf = new Map<string, AllocationToPost[]>()
  for (const allocation of input.allocations) {
    const list = allocationsOf.get(allocation.transaction_id)
    if (list) {
      list.push(allocation)
    } else {
      allocationsOf.set(allocation.transaction_id, [allocation])
    }
  }
  const collectionByEndToEnd = new Map(input.collections.map((c) => [c.end_to_end_id, c]))

  const fromTransaction = (transaction: StoredBankTransaction, how: string): Original => {
    const allocations = (allocationsOf.get(transaction.id) ?? []).filter((a) => !takenAllocations.has(a.allocation_id))
    const booked = transaction.status === "booked"
    return {
      transaction,
      transaction_id: transaction.id,
      allocations: booked ? allocations : [],
      cents: booked ? allocations.reduce((sum, a) => sum + toCents(a.amount), 0) : toCents(transaction.amount),
      customer_id: (booked ? allocations[0]?.customer_id : null) ?? transaction.customer_id,
      invoice_ids: booked ? allocations.filter((a) => a.invoice_id).map((a) => a.invoice_id as string) : [],
      how,
    }
  }
  const candidates = (debit: StoredBankTransaction, accept: (t: StoredBankTransaction) => boolean) =>
    input.originals.filter(
      (t) => !takenTransactions.has(t.id) && t.status !== "returned" && t.status !== "ignored" && t.booking_date <= debit.booking_date && accept(t)
    )

  for (const debit of input.debits) {
    const expect: TransactionUpdate["expect"] = [debit.status]
    const endToEnd = meaningful(debit.end_to_end_id)
    const amount = toCents(debit.amount)
    const fee = debit.fee_amount ? toCents(debit.fee_amount) : 0
    const amountFits = (cents: number) => cents === amount || (fee > 0 && cents + fee === amount)

    let original: Original | null = null
    if (endToEnd) {
      const settled = input.allocations.filter((a) => a.end_to_end_id === endToEnd && !takenAllocations.has(a.allocation_id))
      const credit = candidates(debit, (t) => t.end_to_end_id === endToEnd)[0]
      const pending = collectionByEndToEnd.get(endToEnd)
      if (settled.length) {
        original = {
          transaction: input.originals.find((t) => t.id === settled[0].transaction_id) ?? null,
          transaction_id: settled[0].transaction_id,
          allocations: settled,
          cents: settled.reduce((sum, a) => sum + toCents(a.amount), 0),
          customer_id: settled[0].customer_id,
          invoice_ids: settled.filter((a) => a.invoice_id).map((a) => a.invoice_id as string),
          how: `end-to-end id ${endToEnd} of our collection`,
        }
      } else if (credit) {
        original = fromTransaction(credit, `end-to-end id ${endToEnd} of the credit`)
      } else if (pending) {
        original = {
          transaction: null,
          transaction_id: null,
          allocations: [],
          cents: toCents(pending.amount),
          customer_id: pending.customer_id,
          invoice_ids: [pending.invoice_id],
          how: `end-to-end id ${endToEnd} of our collection (not booked yet)`,
        }
      }
    }
    const mandate = meaningful(debit.mandate_id)
    if (!original && mandate && debit.kind === "return") {
      const credit = candidates(debit, (t) => t.mandate_id === mandate && t.status === "booked" && amountFits(fromTransaction(t, "").cents))[0]
      original = credit ? fromTransaction(credit, `mandate ${mandate} and amount`) : null
    }
    if (!original && debit.reversal && debit.counterparty_iban) {
      const credit = candidates(debit, (t) => t.counterparty_iban === debit.counterparty_iban && amountFits(fromTransaction(t, "").cents))[0]
      original = credit ? fromTransaction(credit, `counterparty ${debit.counterparty_iban} and amount`) : null
    }

    if (!original) {
      const isReturn = debit.kind === "return"
      plan.updates.push({
        id: debit.id,
        status: isReturn ? "unmatched" : "ignored",
        expect,
        note: isReturn
          ? "return: no booking or collection of ours found that it takes back"
          : debit.direction === "debit"
            ? "outgoing payment: not a return of ours"
            : "reversal of a debit: pays no invoice and takes back no booking of ours",
      })
      plan.counts[isReturn ? "unmatched" : "ignored"] += 1
      continue
    }
    if (!amountFits(original.cents)) {
      plan.updates.push({
        id: debit.id,
        status: "unmatched",
        expect,
        customer_id: original.customer_id,
        note: `return found by ${original.how}, but its amount ${debit.amount} is neither the ${formatCents(original.cents)} that came back nor that plus the fee`,
      })
      plan.counts.unmatched += 1
      continue
    }

    original.allocations.forEach((a) => takenAllocations.add(a.allocation_id))
    const reason = debit.return_reason ? `return ${debit.return_reason}` : debit.reversal ? "reversed by the bank" : "returned"
    if (original.allocations.length) {
      plan.reversals.push({
        allocation_ids: original.allocations.map((a) => a.allocation_id),
        reversed_by_transaction_id: debit.id,
        reversed_by: null,
        reason,
        booking_date: debit.booking_date,
      })
    }
    const fullyTakenBack =
      original.transaction !== null &&
      (original.transaction.status !== "booked" ||
        (allocationsOf.get(original.transaction.id) ?? []).every((a) => takenAllocations.has(a.allocation_id)))
    if (original.transaction && fullyTakenBack) {
      takenTransactions.add(original.transaction.id)
      plan.updates.push({
        id: original.transaction.id,
        status: "returned",
        expect: [original.transaction.status],
        note: `${reason}: taken back by bank transaction ${debit.id}`,
      })
    }
    const feeAllocations =
      fee > 0 && original.customer_id
        ? [
            {
              kind: "fee" as const,
              invoice_id: original.invoice_ids[0] ?? null,
              invoice_number: original.allocations.find((a) => a.invoice_id === original?.invoice_ids[0])?.invoice_number ?? null,
              customer_id: original.customer_id,
              currency_code: debit.currency_code,
              amount: formatCents(fee),
              write_off_amount: "0.00",
              end_to_end_id: endToEnd,
              fee_counter_account: amount === original.cents + fee ? ("bank" as const) : ("fees" as const),
            },
          ]
        : []
    plan.bookings.push({ transaction_id: debit.id, kind: "return", customer_id: original.customer_id, created_by: null, allocations: feeAllocations })
    plan.updates.push({
      id: debit.id,
      status: "returned",
      expect,
      customer_id: original.customer_id,
      returns_transaction_id: original.transaction_id,
      note: `${reason}: found by ${original.how}`,
    })
    if (endToEnd) {
      plan.collection_returns.push({ end_to_end_id: endToEnd, bank_transaction_id: debit.id, return_reason: debit.return_reason })
    }
    plan.returned.push({
      id: debit.id,
      returns_transaction_id: original.transaction_id,
      invoice_ids: original.invoice_ids,
      customer_id: original.customer_id,
      fee_amount: fee > 0 ? formatCents(fee) : null,
    })
    plan.counts.returned += 1
  }
  return plan
}
