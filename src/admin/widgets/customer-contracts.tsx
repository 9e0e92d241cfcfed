import { defineWidgetConfig } from "@medusajs/admin-sdk"
import type { AdminCustomer, DetailWidgetProps } from "@medusajs/framework/types"
import { Container, Heading, Text } from "@medusajs/ui"
import { useQuery } from "@tanstack/react-query"
import { ContractsTable } from "../components/contracts-table"
import { sdk } from "../lib/sdk"
import type { ContractListResponse } from "../lib/types"

const CustomerContractsWidget = ({ data: customer }: DetailWidgetProps<AdminCustomer>) => {
  const { data, isLoading, isError, error } = useQuery({
    queryKey: ["billing-contracts", { customer_id: customer.id }],
    queryFn: () =>
      sdk.client.fetch<ContractListResponse>("/admin/billing/contracts", {
        query: { customer_id: customer.id, limit: 50 },
      }),
  })

  return (
    <Container className="divide-y p-0">
      <div className="px-6 py-4">
        <Heading level="h2">Subscription contracts</Heading>
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
          <ContractsTable contracts={data?.contracts ?? []} showCustomer={false} />
          {!!data && data.count > data.contracts.length && (
            <Text size="small" className="text-ui-fg-subtle px-6 py-4">
              Showing {data.contracts.length} of {data.count} contracts.
            </Text>
          )}
        </>
      )}
    </Container>
  )
}

export const config = defineWidgetConfig({
  zone: "customer.details.after",
})

export default CustomerContractsWidget
