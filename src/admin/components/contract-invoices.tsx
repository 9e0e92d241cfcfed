import { Container, Heading } from "@medusajs/ui"
import { useQuery } from "@tanstack/react-query"
import { sdk } from "../lib/sdk"
import type { Contract, InvoiceListResponse } from "../lib/types"
import { InvoicesTable } from "./invoices-table"
import { ListState, Note } from "./list-state"

/** The contract's invoices and cancellations, newest first. */
export const ContractInvoices = ({ contract }: { contract: Contract }) => {
  const query = useQuery({
    queryKey: ["billing-invoices", { contract_id: contract.id }],
    queryFn: () =>
      sdk.client.fetch<InvoiceListResponse>("/admin/billing/invoices", {
        query: { contract_id: contract.id, limit: 50 },
      }),
  })
  const { data } = query

  return (
    <Container className="divide-y p-0">
      <div className="px-6 py-4">
        <Heading level="h2">Invoices</Heading>
      </div>
      <ListState query={query} items={data?.invoices} loadingText="Loading invoices…">
        {(invoices) => (
          <>
            <InvoicesTable invoices={invoices} showParty={false} />
            {!!data && data.count > data.invoices.length && (
              <Note>
                Showing {data.invoices.length} of {data.count} invoices.
              </Note>
            )}
          </>
        )}
      </ListState>
    </Container>
  )
}
