import { StatusBadge } from "@medusajs/ui"
import { capitalize, INVOICE_STATUS_COLOR } from "../lib/format"
import type { InvoiceStatus } from "../lib/types"

export const InvoiceStatusBadge = ({ status }: { status: InvoiceStatus }) => (
  <StatusBadge color={INVOICE_STATUS_COLOR[status] ?? "grey"}>{capitalize(status)}</StatusBadge>
)
