import { defineRouteConfig } from "@medusajs/admin-sdk"
import { Container, Heading, Select, StatusBadge, Table, Text } from "@medusajs/ui"
import { keepPreviousData, useQuery } from "@tanstack/react-query"
import { useState } from "react"
import { Link } from "react-router-dom"
import { capitalize, formatDateTime, MAIL_STATUS_COLOR, MAIL_STATUSES } from "../../../lib/format"
import { sdk } from "../../../lib/sdk"
import type { MailLogListResponse, MailStatus } from "../../../lib/types"

const PAGE_SIZE = 50

const MailLogPage = () => {
  const [status, setStatus] = useState<MailStatus | "all">("all")
  const [pageIndex, setPageIndex] = useState(0)

  const { data, isLoading, isError, error } = useQuery({
    queryKey: ["billing-mail-log", { status, pageIndex }],
    queryFn: () =>
      sdk.client.fetch<MailLogListResponse>("/admin/billing/mail-log", {
        query: {
          limit: PAGE_SIZE,
          offset: pageIndex * PAGE_SIZE,
          ...(status === "all" ? {} : { status }),
        },
      }),
    placeholderData: keepPreviousData,
  })

  const count = data?.count ?? 0
  const pageCount = Math.max(1, Math.ceil(count / PAGE_SIZE))

  return (
    <Container className="divide-y p-0">
      <div className="flex items-center justify-between gap-x-4 px-6 py-4">
        <div>
          <Heading level="h1">Mail log</Heading>
          <Text size="small" className="text-ui-fg-subtle">
            Every invoice mail with its delivery status and the mail server's error text.
          </Text>
        </div>
        <div className="w-[160px]">
          <Select
            size="small"
            value={status}
            onValueChange={(value) => {
              setStatus(value as MailStatus | "all")
              setPageIndex(0)
            }}
          >
            <Select.Trigger>
              <Select.Value placeholder="Status" />
            </Select.Trigger>
            <Select.Content>
              <Select.Item value="all">All statuses</Select.Item>
              {MAIL_STATUSES.map((value) => (
                <Select.Item key={value} value={value}>
                  {capitalize(value)}
                </Select.Item>
              ))}
            </Select.Content>
          </Select>
        </div>
      </div>
      {isLoading ? (
        <Text size="small" className="text-ui-fg-subtle px-6 py-4">
          Loading mail log…
        </Text>
      ) : isError ? (
        <Text size="small" className="text-ui-fg-error px-6 py-4">
          {error.message}
        </Text>
      ) : !data?.mail_log.length ? (
        <Text size="small" className="text-ui-fg-subtle px-6 py-4">
          No mails yet.
        </Text>
      ) : (
        <>
          <Table>
            <Table.Header>
              <Table.Row>
                <Table.HeaderCell>Recipient</Table.HeaderCell>
                <Table.HeaderCell>Subject</Table.HeaderCell>
                <Table.HeaderCell>Status</Table.HeaderCell>
                <Table.HeaderCell>Error</Table.HeaderCell>
                <Table.HeaderCell className="text-right">Attempts</Table.HeaderCell>
                <Table.HeaderCell>Last attempt</Table.HeaderCell>
              </Table.Row>
            </Table.Header>
            <Table.Body>
              {data.mail_log.map((mail) => (
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
          <Table.Pagination
            count={count}
            pageSize={PAGE_SIZE}
            pageIndex={pageIndex}
            pageCount={pageCount}
            canPreviousPage={pageIndex > 0}
            canNextPage={pageIndex + 1 < pageCount}
            previousPage={() => setPageIndex((index) => Math.max(0, index - 1))}
            nextPage={() => setPageIndex((index) => index + 1)}
          />
        </>
      )}
    </Container>
  )
}

/** Nested under "Billing" in the sidebar, as its path is below /billing. */
export const config = defineRouteConfig({
  label: "Mail log",
  rank: 3,
})

export default MailLogPage
