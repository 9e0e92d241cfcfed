import { defineRouteConfig } from "@medusajs/admin-sdk"
import { Container } from "@medusajs/ui"
import { useState } from "react"
import { InvoicesTable } from "../../../components/invoices-table"
import { PagedListState } from "../../../components/list-state"
import { SectionHeader } from "../../../components/section-header"
import { StatusFilter } from "../../../components/status-filter"
import { INVOICE_KINDS, INVOICE_STATUSES } from "../../../lib/format"
import type { InvoiceKind, InvoiceListResponse, InvoiceStatus } from "../../../lib/types"
import { usePagedList } from "../../../lib/use-paged-list"

const PAGE_SIZE = 20

const InvoicesPage = () => {
  const [status, setStatus] = useState<InvoiceStatus | "all">("all")
  const [kind, setKind] = useState<InvoiceKind | "all">("all")
  const { data, setPageIndex, pagination, ...query } = usePagedList<InvoiceListResponse>(
    "billing-invoices",
    "/admin/billing/invoices",
    { pageSize: PAGE_SIZE, filters: { status, kind } }
  )

  return (
    <Container className="divide-y p-0">
      <SectionHeader level="h1" title="Invoices" description="Invoices and cancellations issued by billing runs and interim invoices.">
        <div className="flex items-center gap-x-2">
          <StatusFilter
            value={kind}
            options={INVOICE_KINDS}
            placeholder="Kind"
            allLabel="All kinds"
            onChange={(value) => {
              setKind(value)
              setPageIndex(0)
            }}
          />
          <StatusFilter
            value={status}
            options={INVOICE_STATUSES}
            onChange={(value) => {
              setStatus(value)
              setPageIndex(0)
            }}
          />
        </div>
      </SectionHeader>
      <PagedListState query={query} items={data?.invoices} loadingText="Loading invoices…" pagination={pagination}>
        {(invoices) => (
          <InvoicesTable invoices={invoices} />
        )}
      </PagedListState>
    </Container>
  )
}

/** Nested under "Billing" in the sidebar, as its path is below /billing. */
export const config = defineRouteConfig({
  label: "Invoices",
  rank: 1,
})

export default InvoicesPage
