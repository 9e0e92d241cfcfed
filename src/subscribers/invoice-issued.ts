import { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import pLimit from "p-limit"
import { deliverInvoiceDocumentWorkflow } from "../workflows/documents/deliver-invoice-workflow"

/**
 * At most this many documents are rendered and mailed at once per process. A billing run releases one event
 * per invoice; without Redis, Medusa's local event bus calls this subscriber for all of them at the same
 * moment (100,000 concurrent workflows with a PDF each would exhaust memory), and with Redis it keeps a
 * process from taking more than its share.
 */
const DELIVERY_CONCURRENCY = Number(process.env.BILLING_DELIVERY_CONCURRENCY) || 4
const limit = pLimit(DELIVERY_CONCURRENCY)

/** After a document is issued (and its transaction committed): render the PDF and mail it, in the background. */
export default async function invoiceIssuedHandler({ event, container }: SubscriberArgs<{ id: string }>) {
  await limit(() => deliverInvoiceDocumentWorkflow(container).run({ input: { invoice_id: event.data.id } }))
}

export const config: SubscriberConfig = {
  event: "billing.invoice.issued",
}
