import { Container, Heading, Text } from "@medusajs/ui"
import { useQuery } from "@tanstack/react-query"
import { sdk } from "../lib/sdk"
import type { Contract, InvoiceListResponse } from "../lib/types"
import { InvoicesTable } from "./invoices-table"

/** The contract's invoices and cancellations, newest first. */
export const ContractInvoices = ({ contract }: { contract: Contract }) => {
  const { data, isLoading, isError, error } = useQuery({
    queryKey: ["billing-invoices", { contract_id: contract.id }],
    queryFn: () =>
      sdk.client.fetch<InvoiceListResponse>("/admin/billing/invoices", {
        query: { contract_id: contract.id, limit: 50 },
      }),
  })

  return (
    <Container className="divide-y p-0">
      <div className="px-6 py-4">
        <Heading level="h2">Invoices</Heading>
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
          <InvoicesTable invoices={data?.invoices ?? []} showParty={false} />
          {!!data && data.count > data.invoices.length && (
            <Text size="small" className="text-ui-fg-subtle px-6 py-4">
              Showing {data.invoices.length} of {data.count} invoices.
            </Text>
          )}
        </>
      )}
    </Container>
  )
}
