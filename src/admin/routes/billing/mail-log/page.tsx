import { defineRouteConfig } from "@medusajs/admin-sdk"
import { Container, Heading, StatusBadge, Table, Text } from "@medusajs/ui"
import { useState } from "react"
import { Link } from "react-router-dom"
import { ListState, TableHead } from "../../../components/list-state"
import { StatusFilter } from "../../../components/status-filter"
import { TablePagination } from "../../../components/table-pagination"
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
      <div className="flex items-center justify-between gap-x-4 px-6 py-4">
        <div>
          <Heading level="h1">Mail log</Heading>
          <Text size="small" className="text-ui-fg-subtle">
            Every invoice mail with its delivery status and the mail server's error text.
          </Text>
        </div>
        <StatusFilter
          value={status}
          options={MAIL_STATUSES}
          onChange={(value) => {
            setStatus(value)
            setPageIndex(0)
          }}
        />
      </div>
      <ListState query={query} items={data?.mail_log} loadingText="Loading mail log…" emptyText="No mails yet.">
        {(mails) => (
          <>
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
            <TablePagination {...pagination} />
            </>
        )}
      </ListState>
    </Container>
  )
}

/** Nested under "Billing" in the sidebar, as its path is below /billing. */
export const config = defineRouteConfig({
  label: "Mail log",
  rank: 3,
})

export default MailLogPage
