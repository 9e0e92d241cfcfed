/**
 * Events the plugin emits on Medusa's event bus (after the emitting workflow succeeded). Shops subscribe to
 * them with ordinary subscribers, e.g. `export const config = { event: BillingEvents.INVOICE_ISSUED }`.
 */
export const BillingEvents = {
  /** `{ id }` — an invoice or a cancellation document was issued (number allocated, posted to the ledger). */
  INVOICE_ISSUED: "billing.invoice.issued",
  /** `{ id, cancellation_id }` — an issued invoice was cancelled by a cancellation document. */
  INVOICE_CANCELLED: "billing.invoice.cancelled",
  /** `{ id, invoices_issued, activities_created, errors }` — a (non-dry) billing run finished. */
  RUN_COMPLETED: "billing.run.completed",
  /** `{ id, message_id, collections }` — a SEPA direct-debit batch (pain.008 file) was generated. */
  SEPA_BATCH_CREATED: "billing.sepa_batch.created",
  /** `{ invoice_id, contract_id, customer_id, amount, currency_code, payment_id }` — a card charge was captured and booked. */
  PAYMENT_CAPTURED: "billing.payment.captured",
  /** `{ invoice_id, contract_id, customer_id, attempts, error }` — the last scheduled card charge failed; the invoice goes to dunning. */
  PAYMENT_FAILED: "billing.payment.failed",
  /** `{ id, invoice_id, customer_id, level, fee, currency_code }` — a dunning notice was written by a dunning run (fee booked, mail attempted). */
  DUNNING_NOTICE_SENT: "billing.dunning.notice_sent",
  /** `{ statement_ids, file_name, source, transactions_added }` — a bank statement file added transactions. */
  BANK_STATEMENT_IMPORTED: "billing.bank.statement_imported",
  /** `{ auto_booked, review, unmatched, returned, ignored }` — a bank matching run finished. */
  BANK_MATCHING_COMPLETED: "billing.bank.matching_completed",
  /** `{ id, kind, invoice_ids, customer_id }` — an admin booked a bank transaction (`kind`: "confirm" or "credit"). */
  BANK_TRANSACTION_BOOKED: "billing.bank.transaction_booked",
  /** `{ id, returns_transaction_id, invoice_ids, customer_id, fee_amount }` — a return took a booked payment back; the invoices are open again. */
  BANK_PAYMENT_RETURNED: "billing.bank.payment_returned",
} as const
