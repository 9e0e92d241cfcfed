import { defineRouteConfig } from "@medusajs/admin-sdk"
import { Receipt } from "@medusajs/icons"
import { Button, Container, Heading, Select, Table, Text } from "@medusajs/ui"
import { keepPreviousData, useQuery } from "@tanstack/react-query"
import { useState } from "react"
import { Link } from "react-router-dom"
import { ContractsTable } from "../../components/contracts-table"
import { capitalize, CONTRACT_STATUSES } from "../../lib/format"
import { sdk } from "../../lib/sdk"
import type { ContractListResponse, ContractStatus } from "../../lib/types"

const PAGE_SIZE = 20

const BillingPage = () => {
  const [status, setStatus] = useState<ContractStatus | "all">("all")
  const [pageIndex, setPageIndex] = useState(0)

  const { data, isLoading, isError, error } = useQuery({
    queryKey: ["billing-contracts", { status, pageIndex }],
    queryFn: () =>
      sdk.client.fetch<ContractListResponse>("/admin/billing/contracts", {
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
        <Heading level="h1">Contracts</Heading>
        <div className="flex items-center gap-x-2">
          <div className="w-[180px]">
            <Select
              size="small"
              value={status}
              onValueChange={(value) => {
                setStatus(value as ContractStatus | "all")
                setPageIndex(0)
              }}
            >
              <Select.Trigger>
                <Select.Value placeholder="Status" />
              </Select.Trigger>
              <Select.Content>
                <Select.Item value="all">All statuses</Select.Item>
                {CONTRACT_STATUSES.map((value) => (
                  <Select.Item key={value} value={value}>
                    {capitalize(value)}
                  </Select.Item>
                ))}
              </Select.Content>
            </Select>
          </div>
          <Button size="small" variant="secondary" asChild>
            <Link to="/billing/articles">Articles</Link>
          </Button>
        </div>
      </div>
      {isLoading ? (
        <Text size="small" className="text-ui-fg-subtle px-6 py-4">
          Loading contracts…
        </Text>
      ) : isError ? (
        <Text size="small" className="text-ui-fg-error px-6 py-4">
          {error.message}
        </Text>
      ) : (
        <>
          <ContractsTable contracts={data?.contracts ?? []} />
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

export const config = defineRouteConfig({
  label: "Billing",
  icon: Receipt,
})

export default BillingPage
