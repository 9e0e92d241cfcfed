import { defineWidgetConfig } from "@medusajs/admin-sdk"
import type { AdminCustomer, DetailWidgetProps } from "@medusajs/framework/types"
import { Container, Heading } from "@medusajs/ui"
import { useQuery } from "@tanstack/react-query"
import { ContractsTable } from "../components/contracts-table"
import { ListState, Note } from "../components/list-state"
import { sdk } from "../lib/sdk"
import type { ContractListResponse } from "../lib/types"

const CustomerContractsWidget = ({ data: customer }: DetailWidgetProps<AdminCustomer>) => {
  const query = useQuery({
    queryKey: ["billing-contracts", { customer_id: customer.id }],
    queryFn: () =>
      sdk.client.fetch<ContractListResponse>("/admin/billing/contracts", {
        query: { customer_id: customer.id, limit: 50 },
      }),
  })
  const { data } = query

  return (
    <Container className="divide-y p-0">
      <div className="px-6 py-4">
        <Heading level="h2">Subscription contracts</Heading>
      </div>
      <ListState query={query} items={data?.contracts} loadingText="Loading contracts…">
        {(contracts) => (
          <>
            <ContractsTable contracts={contracts} showCustomer={false} />
            {!!data && data.count > data.contracts.length && (
              <Note>
                Showing {data.contracts.length} of {data.count} contracts.
              </Note>
            )}
          </>
        )}
      </ListState>
    </Container>
  )
}

export const config = defineWidgetConfig({
  zone: "customer.details.after",
})

export default CustomerContractsWidget
