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
} as const
