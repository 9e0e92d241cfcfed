import { Badge, Table } from "@medusajs/ui"
import { Link, useNavigate } from "react-router-dom"
import { buyerLabel, capitalize, formatAmount, formatDate, invoiceLabel } from "../lib/format"
import type { Invoice } from "../lib/types"
import { InvoiceStatusBadge } from "./invoice-status-badge"
import { Note, TableHead } from "./list-state"

type Props = {
  invoices: Invoice[]
  /** The customer and contract columns are redundant on the contract's own page. */
  showParty?: boolean
}

/** Invoices and cancellations as rows; a row opens the invoice page. */
export const InvoicesTable = ({ invoices, showParty = true }: Props) => {
  const navigate = useNavigate()

  if (!invoices.length) {
    return <Note>No invoices found.</Note>
  }

  return (
    <Table>
      <TableHead
        columns={[
          "Number",
          "Kind",
          "Status",
          showParty && "Customer",
          showParty && "Contract",
          "Issued",
          "Due",
          { label: "Gross total", className: "text-right" },
          { label: "Amount due", className: "text-right" },
        ]}
      />
      <Table.Body>
        {invoices.map((invoice) => (
          <Table.Row
            key={invoice.id}
            className="cursor-pointer"
            onClick={() => navigate(`/billing/invoices/${invoice.id}`)}
          >
            <Table.Cell>
              <Link
                to={`/billing/invoices/${invoice.id}`}
                className="txt-compact-small-plus text-ui-fg-interactive hover:text-ui-fg-interactive-hover"
                onClick={(event) => event.stopPropagation()}
              >
                {invoiceLabel(invoice)}
              </Link>
            </Table.Cell>
            <Table.Cell>
              <Badge size="2xsmall" color={invoice.kind === "cancellation" ? "orange" : "grey"}>
                {capitalize(invoice.kind)}
              </Badge>
            </Table.Cell>
            <Table.Cell>
              <InvoiceStatusBadge status={invoice.status} />
            </Table.Cell>
            {showParty && (
              <Table.Cell>
                <Link
                  to={`/customers/${invoice.customer_id}`}
                  className="text-ui-fg-interactive hover:text-ui-fg-interactive-hover"
                  onClick={(event) => event.stopPropagation()}
                >
                  {buyerLabel(invoice)}
                </Link>
              </Table.Cell>
            )}
            {showParty && (
              <Table.Cell>
                <Link
                  to={`/billing/contracts/${invoice.contract_id}`}
                  className="text-ui-fg-interactive hover:text-ui-fg-interactive-hover"
                  onClick={(event) => event.stopPropagation()}
                >
                  {invoice.contract_number ?? invoice.contract_id}
                </Link>
              </Table.Cell>
            )}
            <Table.Cell>{formatDate(invoice.issue_date)}</Table.Cell>
            <Table.Cell>{formatDate(invoice.due_date)}</Table.Cell>
            <Table.Cell className="text-right">{formatAmount(invoice.gross_total, invoice.currency_code)}</Table.Cell>
            <Table.Cell className="text-right">{formatAmount(invoice.amount_due, invoice.currency_code)}</Table.Cell>
          </Table.Row>
        ))}
      </Table.Body>
    </Table>
  )
}
