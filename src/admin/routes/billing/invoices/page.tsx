import { defineRouteConfig } from "@medusajs/admin-sdk"
import { Container, Heading, Select, Table, Text } from "@medusajs/ui"
import { keepPreviousData, useQuery } from "@tanstack/react-query"
import { useState } from "react"
import { InvoicesTable } from "../../../components/invoices-table"
import { capitalize, INVOICE_KINDS, INVOICE_STATUSES } from "../../../lib/format"
import { sdk } from "../../../lib/sdk"
import type { InvoiceKind, InvoiceListResponse, InvoiceStatus } from "../../../lib/types"

const PAGE_SIZE = 20

const InvoicesPage = () => {
  const [status, setStatus] = useState<InvoiceStatus | "all">("all")
  const [kind, setKind] = useState<InvoiceKind | "all">("all")
  const [pageIndex, setPageIndex] = useState(0)

  const { data, isLoading, isError, error } = useQuery({
    queryKey: ["billing-invoices", { status, kind, pageIndex }],
    queryFn: () =>
      sdk.client.fetch<InvoiceListResponse>("/admin/billing/invoices", {
        query: {
          limit: PAGE_SIZE,
          offset: pageIndex * PAGE_SIZE,
          ...(status === "all" ? {} : { status }),
          ...(kind === "all" ? {} : { kind }),
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
          <Heading level="h1">Invoices</Heading>
          <Text size="small" className="text-ui-fg-subtle">
            Invoices and cancellations issued by billing runs and interim invoices.
          </Text>
        </div>
        <div className="flex items-center gap-x-2">
          <div className="w-[160px]">
            <Select
              size="small"
              value={kind}
              onValueChange={(value) => {
                setKind(value as InvoiceKind | "all")
                setPageIndex(0)
              }}
            >
              <Select.Trigger>
                <Select.Value placeholder="Kind" />
              </Select.Trigger>
              <Select.Content>
                <Select.Item value="all">All kinds</Select.Item>
                {INVOICE_KINDS.map((value) => (
                  <Select.Item key={value} value={value}>
                    {capitalize(value)}
                  </Select.Item>
                ))}
              </Select.Content>
            </Select>
          </div>
          <div className="w-[160px]">
            <Select
              size="small"
              value={status}
              onValueChange={(value) => {
                setStatus(value as InvoiceStatus | "all")
                setPageIndex(0)
              }}
            >
              <Select.Trigger>
                <Select.Value placeholder="Status" />
              </Select.Trigger>
              <Select.Content>
                <Select.Item value="all">All statuses</Select.Item>
                {INVOICE_STATUSES.map((value) => (
                  <Select.Item key={value} value={value}>
                    {capitalize(value)}
                  </Select.Item>
                ))}
              </Select.Content>
            </Select>
          </div>
        </div>
      </div>
      {isLoading ? (
        <Text size="small" className="text-ui-fg-subtle px-6 py-4">
          Loading invoices…
        </Text>
      ) : isError ? (
        <Text size="small" className="text-ui-fg-error px-6 py-4">
          {error.message}
        </Text>
      ) : (
        <>
          <InvoicesTable invoices={data?.invoices ?? []} />
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
  label: "Invoices",
  rank: 1,
})

export default InvoicesPage
