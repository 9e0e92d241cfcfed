import { Badge, StatusBadge, Table } from "@medusajs/ui"
import { Link } from "react-router-dom"
import { capitalize, formatAmount, formatDate, SEPA_COLLECTION_STATUS_COLOR } from "../lib/format"
import type { SepaCollection } from "../lib/types"
import { CustomerLink, useCustomerLabels } from "./customer-link"
import { Note, TableHead } from "./list-state"

const linkClass = "text-ui-fg-interactive hover:text-ui-fg-interactive-hover"

type Props = {
  collections: SepaCollection[]
  /** The invoice and customer columns are redundant on the invoice's own page. */
  showInvoice?: boolean
}

/** SEPA direct debit collections: one per invoice and batch, pending until the money is in. */
export const SepaCollectionsTable = ({ collections, showInvoice = true }: Props) => {
  const customerName = useCustomerLabels(showInvoice ? collections.map((collection) => collection.customer_id) : [])

  if (!collections.length) {
    return <Note>No collections.</Note>
  }

  return (
    <Table>
      <TableHead
        columns={[
          "Collection date",
          showInvoice && "Invoice",
          showInvoice && "Customer",
          "End-to-end id",
          "Mandate",
          "Type",
          { label: "Amount", className: "text-right" },
          "Status",
        ]}
      />
      <Table.Body>
        {collections.map((collection) => (
          <Table.Row key={collection.id} className="[&_td]:align-top [&_td]:py-2">
            <Table.Cell>{formatDate(collection.collection_date)}</Table.Cell>
            {showInvoice && (
              <Table.Cell>
                <Link to={`/billing/invoices/${collection.invoice_id}`} className={`txt-compact-small-plus ${linkClass}`}>
                  {collection.invoice_number ?? collection.invoice_id}
                </Link>
              </Table.Cell>
            )}
            {showInvoice && (
              <Table.Cell>
                <CustomerLink id={collection.customer_id} label={customerName(collection.customer_id)} />
              </Table.Cell>
            )}
            <Table.Cell className="font-mono">{collection.end_to_end_id}</Table.Cell>
            <Table.Cell>{collection.mandate_reference}</Table.Cell>
            <Table.Cell>
              <Badge size="2xsmall">{collection.sequence_type}</Badge>
            </Table.Cell>
            <Table.Cell className="text-right">{formatAmount(collection.amount, collection.currency_code)}</Table.Cell>
            <Table.Cell>
              <StatusBadge color={SEPA_COLLECTION_STATUS_COLOR[collection.status] ?? "grey"}>{capitalize(collection.status)}</StatusBadge>
              {collection.return_reason && (
                <div className="txt-compact-small text-ui-fg-error mt-1">Return reason {collection.return_reason}</div>
              )}
            </Table.Cell>
          </Table.Row>
        ))}
      </Table.Body>
    </Table>
  )
}
