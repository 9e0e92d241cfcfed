import { ArrowDownTray } from "@medusajs/icons"
import { Badge, Button, Table, Tooltip } from "@medusajs/ui"
import { useState } from "react"
import { Link } from "react-router-dom"
import { formatAmount, formatDate, formatDateTime } from "../lib/format"
import type { DunningNotice } from "../lib/types"
import { CustomerLink, useCustomerLabels } from "./customer-link"
import { Note, TableHead } from "./list-state"
import { openFile } from "./open-file"

const linkClass = "text-ui-fg-interactive hover:text-ui-fg-interactive-hover"

/** Opens the notice's stored PDF letter in a new tab. */
const NoticePdfButton = ({ notice }: { notice: DunningNotice }) => {
  const [loading, setLoading] = useState(false)
  const onClick = async () => {
    setLoading(true)
    await openFile(`/admin/billing/dunning/notices/${notice.id}/pdf`, {
      accept: "application/pdf",
      filename: `${notice.invoice_number}-${notice.level}.pdf`,
      inline: true,
    })
    setLoading(false)
  }
  return (
    <Button size="small" variant="transparent" onClick={onClick} isLoading={loading}>
      <ArrowDownTray />
      PDF
    </Button>
  )
}

type Props = {
  notices: DunningNotice[]
  /** The invoice column is redundant on the invoice's own page, the customer column there too. */
  showInvoice?: boolean
}

/** Reminders sent, with their level, amounts, payment deadline and letter. */
export const DunningNoticesTable = ({ notices, showInvoice = true }: Props) => {
  const customerName = useCustomerLabels(showInvoice ? notices.map((notice) => notice.customer_id) : [])

  if (!notices.length) {
    return <Note>No dunning notices.</Note>
  }

  return (
    <Table>
      <TableHead
        columns={[
          "Date",
          showInvoice && "Invoice",
          showInvoice && "Customer",
          "Level",
          { label: "Open", className: "text-right" },
          { label: "Fee", className: "text-right" },
          { label: "Total", className: "text-right" },
          "Pay by",
          "Delivered",
          { label: "Letter", className: "text-right" },
        ]}
      />
      <Table.Body>
        {notices.map((notice) => (
          <Table.Row key={notice.id}>
            <Table.Cell>{formatDate(notice.notice_date)}</Table.Cell>
            {showInvoice && (
              <Table.Cell>
                <Link to={`/billing/invoices/${notice.invoice_id}`} className={`txt-compact-small-plus ${linkClass}`}>
                  {notice.invoice_number}
                </Link>
              </Table.Cell>
            )}
            {showInvoice && (
              <Table.Cell>
                <CustomerLink id={notice.customer_id} label={customerName(notice.customer_id)} />
              </Table.Cell>
            )}
            <Table.Cell>
              <Tooltip content={notice.subject}>
                <Badge size="2xsmall" color={notice.level > 1 ? "orange" : "grey"}>
                  {notice.level} · {notice.title}
                </Badge>
              </Tooltip>
            </Table.Cell>
            <Table.Cell className="text-right">{formatAmount(notice.open_amount, notice.currency_code)}</Table.Cell>
            <Table.Cell className="text-right">{formatAmount(notice.fee, notice.currency_code)}</Table.Cell>
            <Table.Cell className="text-right">{formatAmount(notice.total, notice.currency_code)}</Table.Cell>
            <Table.Cell>{formatDate(notice.payment_deadline)}</Table.Cell>
            <Table.Cell>
              {notice.delivered_at ? formatDateTime(notice.delivered_at) : <span className="text-ui-fg-error">Not yet</span>}
            </Table.Cell>
            <Table.Cell className="text-right">
              <NoticePdfButton notice={notice} />
            </Table.Cell>
          </Table.Row>
        ))}
      </Table.Body>
    </Table>
  )
}
