import { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { deliverInvoiceDocumentWorkflow } from "../workflows/documents/deliver-invoice-workflow"

/** After a document is issued (and its transaction committed): render the PDF and mail it, in the background. */
export default async function invoiceIssuedHandler({ event, container }: SubscriberArgs<{ id: string }>) {
  await deliverInvoiceDocumentWorkflow(container).run({ input: { invoice_id: event.data.id } })
}

export const config: SubscriberConfig = {
  event: "billing.invoice.issued",
}
