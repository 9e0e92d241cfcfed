export { renderInvoicePdf } from "./invoice-pdf"
export type { InvoiceDocument, RenderInvoiceOptions } from "./invoice-pdf"
