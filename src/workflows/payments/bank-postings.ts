import { negateAmount } from "../../domain/money"
import type { PostingInput } from "../../modules/billing-ledger/service"
import type { AllocationToPost } from "../../modules/billing-payment/service"
import { accountSpec } from "../billing/ledger-accounts"

/** An allocation of a bank booking as the ledger needs it (amounts are positive decimal strings). */
export type PostableAllocation = Pick<
  AllocationToPost,
  | "transaction_id"
  | "booking_seq"
  | "position"
  | "kind"
  | "invoice_id"
  | "invoice_number"
  | "customer_id"
  | "currency_code"
  | "amount"
  | "write_off_amount"
  | "fee_counter_account"
  | "booking_date"
> & {
  /** How the bank transaction is named in descriptions (entry reference, counterparty). */
  transaction_label: string
}

const isZero = (amount: string) => /^0*(\.0*)?$/.test(amount.replace(/^-/, ""))

/** Idempotency key of an allocation's postings: per transaction, booking and position, so nothing is booked twice. */
export function allocationKey(allocation: Pick<PostableAllocation, "transaction_id" | "booking_seq" | "position">, part: "payment" | "write_off" | "fee") {
  return `bank:${allocation.transaction_id}:${allocation.booking_seq}:${allocation.position}:${part}`
}

/**
 * The postings of one allocation:
 * - invoice: `payment` (bank debit, customer credit on the invoice) and, for a short payment settled within the
 *   tolerance, `write_off` (write-off debit, customer credit on the invoice);
 * - credit: `payment` without an invoice — credit on the customer account;
 * - fee: `fee` (customer debit on the returned invoice; bank credit when the return's debit included the fee,
 *   else the fees account).
 */
export function allocationPostings(allocation: PostableAllocation): PostingInput[] {
  const currency = allocation.currency_code.toLowerCase()
  const customer = accountSpec({ kind: "customer", customer_id: allocation.customer_id }, currency)
  const base = {
    booking_date: allocation.booking_date,
    currency_code: currency,
    customer_id: allocation.customer_id,
    reference_type: "billing_bank_transaction",
    reference_id: allocation.transaction_id,
  }
  if (allocation.kind === "fee") {
    const counter = accountSpec({ kind: allocation.fee_counter_account === "fees" ? "fees" : "bank" }, currency)
    return [
      {
        ...base,
        idempotency_key: allocationKey(allocation, "fee"),
        kind: "fee",
        description: `Return fee, ${allocation.transaction_label}`,
        entries: [
          // On the returned invoice: dunning and the next collection ask for the fee with the invoice.
          { account: customer, amount: allocation.amount, invoice_id: allocation.invoice_id },
          { account: counter, amount: negateAmount(allocation.amount), invoice_id: null },
        ],
      },
    ]
  }
  const invoiceId = allocation.kind === "invoice" ? allocation.invoice_id : null
  const postings: PostingInput[] = [
    {
      ...base,
      idempotency_key: allocationKey(allocation, "payment"),
      kind: "payment",
      description: invoiceId
        ? `Payment of invoice ${allocation.invoice_number ?? invoiceId}, ${allocation.transaction_label}`
        : `Payment credited to the customer account, ${allocation.transaction_label}`,
      entries: [
        { account: accountSpec({ kind: "bank" }, currency), amount: allocation.amount, invoice_id: null },
        { account: customer, amount: negateAmount(allocation.amount), invoice_id: invoiceId },
      ],
    },
  ]
  if (invoiceId && !isZero(allocation.write_off_amount)) {
    postings.push({
      ...base,
      idempotency_key: allocationKey(allocation, "write_off"),
      kind: "write_off",
      description: `Write-off of the short payment on invoice ${allocation.invoice_number ?? invoiceId}`,
      entries: [
        { account: accountSpec({ kind: "write_off" }, currency), amount: allocation.write_off_amount, invoice_id: null },
        { account: customer, amount: negateAmount(allocation.write_off_amount), invoice_id: invoiceId },
      ],
    })
  }
  return postings
}

/**
 * The reversal of an allocation: each of its postings mirrored (same accounts and invoice, negated amounts),
 * keyed `reversal:<original key>` so it is booked once. An invoice the allocation paid is open again.
 */
export function allocationReversalPostings(
  allocation: PostableAllocation,
  reversal: { booking_date: string; reason: string; reference_id: string; created_by: string | null }
): PostingInput[] {
  return allocationPostings(allocation).map((posting) => ({
    ...posting,
    idempotency_key: `reversal:${posting.idempotency_key}`,
    kind: "reversal",
    booking_date: reversal.booking_date,
    reference_id: reversal.reference_id,
    description: `Reversal: ${posting.description}`,
    reason: reversal.reason,
    created_by: reversal.created_by,
    entries: posting.entries.map((entry) => ({ ...entry, amount: negateAmount(entry.amount) })),
  }))
}
