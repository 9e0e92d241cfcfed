import { defineRouteConfig } from "@medusajs/admin-sdk"
import { Container, StatusBadge, Table } from "@medusajs/ui"
import { useState } from "react"
import { Link } from "react-router-dom"
import { PagedListState, TableHead } from "../../../components/list-state"
import { SectionHeader } from "../../../components/section-header"
import { StatusFilter } from "../../../components/status-filter"
import { capitalize, formatDateTime, MAIL_STATUS_COLOR, MAIL_STATUSES } from "../../../lib/format"
import type { MailLogListResponse, MailStatus } from "../../../lib/types"
import { usePagedList } from "../../../lib/use-paged-list"

const PAGE_SIZE = 50

const MailLogPage = () => {
  const [status, setStatus] = useState<MailStatus | "all">("all")

  const { data, setPageIndex, pagination, ...query } = usePagedList<MailLogListResponse>(
    "billing-mail-log",
    "/admin/billing/mail-log",
    { pageSize: PAGE_SIZE, filters: { status } }
  )

  return (
    <Container className="divide-y p-0">
      <SectionHeader level="h1" title="Mail log" description="Every invoice mail with its delivery status and the mail server's error text.">
        <StatusFilter
          value={status}
          options={MAIL_STATUSES}
          onChange={(value) => {
            setStatus(value)
            setPageIndex(0)
          }}
        />
      </SectionHeader>
      <PagedListState query={query} items={data?.mail_log} loadingText="Loading mail log…" emptyText="No mails yet." pagination={pagination}>
        {(mails) => (
          <Table>
            <TableHead
              columns={[
                "Recipient",
                "Subject",
                "Status",
                "Error",
                { label: "Attempts", className: "text-right" },
                "Last attempt",
              ]}
            />
            <Table.Body>
              {mails.map((mail) => (
                <Table.Row key={mail.id} className="[&_td]:align-top [&_td]:py-2">
                  <Table.Cell>{mail.recipient}</Table.Cell>
                  <Table.Cell>
                    {mail.invoice_id ? (
                      <Link
                        to={`/billing/invoices/${mail.invoice_id}`}
                        className="text-ui-fg-interactive hover:text-ui-fg-interactive-hover"
                      >
                        {mail.subject}
                      </Link>
                    ) : (
                      mail.subject
                    )}
                  </Table.Cell>
                  <Table.Cell>
                    <StatusBadge color={MAIL_STATUS_COLOR[mail.status] ?? "grey"}>{capitalize(mail.status)}</StatusBadge>
                  </Table.Cell>
                  <Table.Cell className="max-w-[360px] whitespace-normal break-words">
                    {mail.error ? <span className="text-ui-fg-error">{mail.error}</span> : <span className="text-ui-fg-muted">–</span>}
                  </Table.Cell>
                  <Table.Cell className="text-right">{mail.attempts}</Table.Cell>
                  <Table.Cell>{formatDateTime(mail.last_attempt_at)}</Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
        )}
      </PagedListState>
    </Container>
  )
}

/** Nested under "Billing" in the sidebar, as its path is below /billing. */
export const config = defineRouteConfig({
  label: "Mail log",
  rank: 3,
})

export default MailLogPage
