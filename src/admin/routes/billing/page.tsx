import { defineRouteConfig } from "@medusajs/admin-sdk"
import { Receipt } from "@medusajs/icons"
import { Button, Container, Heading } from "@medusajs/ui"
import { useState } from "react"
import { Link } from "react-router-dom"
import { ContractsTable } from "../../components/contracts-table"
import { PagedListState } from "../../components/list-state"
import { StatusFilter } from "../../components/status-filter"
import { CONTRACT_STATUSES } from "../../lib/format"
import type { ContractListResponse, ContractStatus } from "../../lib/types"
import { usePagedList } from "../../lib/use-paged-list"

const PAGE_SIZE = 20

const BillingPage = () => {
  const [status, setStatus] = useState<ContractStatus | "all">("all")
  const { data, setPageIndex, pagination, ...query } = usePagedList<ContractListResponse>(
    "billing-contracts",
    "/admin/billing/contracts",
    { pageSize: PAGE_SIZE, filters: { status } }
  )

  return (
    <Container className="divide-y p-0">
      <div className="flex items-center justify-between gap-x-4 px-6 py-4">
        <Heading level="h1">Contracts</Heading>
        <div className="flex items-center gap-x-2">
          <StatusFilter
            className="w-[180px]"
            value={status}
            options={CONTRACT_STATUSES}
            onChange={(value) => {
              setStatus(value)
              setPageIndex(0)
            }}
          />
          <Button size="small" variant="secondary" asChild>
            <Link to="/billing/articles">Articles</Link>
          </Button>
        </div>
      </div>
      <PagedListState query={query} items={data?.contracts} loadingText="Loading contracts…" pagination={pagination}>
        {(contracts) => (
          <ContractsTable contracts={contracts} />
        )}
      </PagedListState>
    </Container>
  )
}

export const config = defineRouteConfig({
  label: "Billing",
  icon: Receipt,
})

export default BillingPage
