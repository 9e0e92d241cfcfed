import type { AllocationToPost, StoredBankTransaction } from "../../../modules/billing-payment/service"
import type { OpenInvoice, PendingCollection } from "../matching-plan"

let seq = 0

/** A stored incoming payment (status "new") booked 2026-03-02. */
export function stored(extra: Partial<StoredBankTransaction> = {}): StoredBankTransaction {
  seq += 1
  return {
    id: `bbtx_${seq}`,
    bank_account_id: "bbac_1",
    statement_id: "bbst_1",
    entry_index: seq,
    transaction_index: 0,
    entry_reference: `E${seq}`,
    booking_date: "2026-03-02",
    amount: "119.00",
    direction: "credit",
    currency_code: "eur",
    reversal: false,
    end_to_end_id: null,
    mandate_id: null,
    remittance_text: "",
    structured_reference: null,
    counterparty_name: null,
    counterparty_iban: null,
    return_reason: null,
    fee_amount: null,
    kind: "payment",
    status: "new",
    confidence: null,
    customer_id: null,
    suggestions: null,
    note: null,
    returns_transaction_id: null,
    ...extra,
  }
}

/** Invoice RE-2026-<n> of a customer, issued 2026-02-01, due 2026-02-15. */
export function invoice(n: number, customer: string, open: string, extra: Partial<OpenInvoice> = {}): OpenInvoice {
  return {
    invoice_id: `binv_${n}`,
    invoice_number: `RE-2026-${String(n).padStart(6, "0")}`,
    customer_id: customer,
    customer_number: null,
    customer_name: customer === "cus_erika" ? "Erika Mustermann" : customer === "cus_max" ? "Max Mustermann GmbH" : "Hans Weber",
    currency_code: "eur",
    open_amount: open,
    total_amount: open,
    issue_date: "2026-02-01",
    due_date: "2026-02-15",
    ...extra,
  }
}

export function collection(invoiceId: string, customer: string, amount: string, extra: Partial<PendingCollection> = {}): PendingCollection {
  return {
    id: `bsco_${invoiceId}`,
    invoice_id: invoiceId,
    customer_id: customer,
    end_to_end_id: `E2E-${invoiceId}`,
    mandate_reference: `MNDT-${customer}`,
    collection_date: "2026-03-01",
    amount,
    currency_code: "eur",
    batch_id: "bsba_1",
    batch_message_id: "MSG-20260301-ABCDEF",
    payment_information_id: "PMTINF-20260301-RCUR",
    ...extra,
  }
}

/** A standing allocation of a booking of `transaction`. */
export function allocation(transaction: StoredBankTransaction, extra: Partial<AllocationToPost> = {}): AllocationToPost {
  return {
    allocation_id: `bbal_${transaction.id}_${extra.position ?? 0}`,
    booking_id: `bbbk_${transaction.id}`,
    transaction_id: transaction.id,
    booking_seq: 0,
    position: 0,
    kind: "invoice",
    invoice_id: "binv_1",
    invoice_number: "RE-2026-000001",
    customer_id: "cus_erika",
    currency_code: "eur",
    amount: transaction.amount,
    write_off_amount: "0.00",
    fee_counter_account: null,
    end_to_end_id: null,
    booking_date: transaction.booking_date,
    entry_reference: transaction.entry_reference,
    counterparty_name: transaction.counterparty_name,
    reversed_at: null,
    reversed_by_transaction_id: null,
    reversed_by: null,
    reversal_reason: null,
    reversal_booking_date: null,
    ...extra,
  }
}
