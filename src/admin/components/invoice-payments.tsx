import { Button, Container, Heading, Text, toast, usePrompt } from "@medusajs/ui"
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import type { ReactNode } from "react"
import { formatAmount, invoiceLabel } from "../lib/format"
import { sdk } from "../lib/sdk"
import type {
  CardChargeListResponse,
  ChargeInvoiceResponse,
  ContractResponse,
  DunningNoticeListResponse,
  Invoice,
  SepaCollectionListResponse,
} from "../lib/types"
import { CardChargesTable } from "./card-charges-table"
import { DunningNoticesTable } from "./dunning-notices-table"
import { ListState } from "./list-state"
import { SepaCollectionsTable } from "./sepa-collections-table"

const SectionHeader = ({ title, description, action }: { title: string; description: string; action?: ReactNode }) => (
  <div className="flex items-center justify-between gap-x-4 px-6 py-4">
    <div>
      <Heading level="h2">{title}</Heading>
      <Text size="small" className="text-ui-fg-subtle">
        {description}
      </Text>
    </div>
    {action}
  </div>
)

const InvoiceCollections = ({ invoice }: { invoice: Invoice }) => {
  const query = useQuery({
    queryKey: ["billing-sepa-collections", { invoice_id: invoice.id }],
    queryFn: () =>
      sdk.client.fetch<SepaCollectionListResponse>("/admin/billing/sepa/collections", {
        query: { invoice_id: invoice.id, limit: 50 },
      }),
  })
  return (
    <Container className="divide-y p-0">
      <SectionHeader title="SEPA collections" description="Direct debits of this invoice in SEPA batches." />
      <ListState query={query} items={query.data?.collections} loadingText="Loading collections…">
        {(collections) => <SepaCollectionsTable collections={collections} showInvoice={false} />}
      </ListState>
    </Container>
  )
}

const InvoiceCardCharges = ({ invoice, chargeable }: { invoice: Invoice; chargeable: boolean }) => {
  const prompt = usePrompt()
  const queryClient = useQueryClient()
  const query = useQuery({
    queryKey: ["billing-card-charges", { invoice_id: invoice.id }],
    queryFn: () =>
      sdk.client.fetch<CardChargeListResponse>("/admin/billing/collections/card-charges", {
        query: { invoice_id: invoice.id, limit: 50, order: "attempt" },
      }),
  })

  const charge = useMutation({
    mutationFn: () =>
      sdk.client.fetch<ChargeInvoiceResponse>(`/admin/billing/invoices/${invoice.id}/charge`, { method: "POST", body: {} }),
    onSuccess: ({ attempt }) => {
      queryClient.invalidateQueries({ queryKey: ["billing-card-charges"] })
      queryClient.invalidateQueries({ queryKey: ["billing-customer-ledger", invoice.customer_id] })
      queryClient.invalidateQueries({ queryKey: ["billing-customer-open-items", invoice.customer_id] })
      if (attempt.status === "succeeded") {
        toast.success("Card charged", { description: `${formatAmount(attempt.amount, attempt.currency_code)} captured.` })
      } else {
        toast.error("Card charge failed", { description: attempt.error ?? "The provider declined the charge." })
      }
    },
    onError: (err: Error) => toast.error(err.message),
  })

  const onCharge = async () => {
    const confirmed = await prompt({
      title: `Charge invoice ${invoiceLabel(invoice)} now?`,
      description:
        "The open amount of the invoice is charged to the card stored on its contract, outside the retry schedule, and booked as a payment on the customer account.",
      confirmText: "Charge card",
      cancelText: "Back",
      variant: "confirmation",
    })
    if (confirmed) {
      charge.mutate()
    }
  }

  return (
    <Container className="divide-y p-0">
      <SectionHeader
        title="Card charges"
        description="Charges of the contract's stored card, scheduled retries and the provider's errors."
        action={
          chargeable && (
            <Button size="small" variant="secondary" onClick={onCharge} isLoading={charge.isPending}>
              Charge now
            </Button>
          )
        }
      />
      <ListState query={query} items={query.data?.charges} loadingText="Loading card charges…">
        {(charges) => <CardChargesTable charges={charges} />}
      </ListState>
    </Container>
  )
}

const InvoiceDunningNotices = ({ invoice }: { invoice: Invoice }) => {
  const query = useQuery({
    queryKey: ["billing-dunning-notices", { invoice_id: invoice.id }],
    queryFn: () =>
      sdk.client.fetch<DunningNoticeListResponse>("/admin/billing/dunning/notices", {
        query: { invoice_id: invoice.id, limit: 50, order: "level" },
      }),
  })
  return (
    <Container className="divide-y p-0">
      <SectionHeader title="Dunning notices" description="Payment reminders sent for this invoice, with fees and letters." />
      <ListState query={query} items={query.data?.notices} loadingText="Loading dunning notices…">
        {(notices) => <DunningNoticesTable notices={notices} showInvoice={false} />}
      </ListState>
    </Container>
  )
}

/**
 * How an issued invoice is being paid: its SEPA collections (direct debit contracts), card charges with "charge now"
 * (card contracts) and the dunning notices it received. A section for another payment method appears only when it has
 * rows, e.g. after the contract's payment method was changed.
 */
export const InvoicePayments = ({ invoice }: { invoice: Invoice }) => {
  const { data: contract } = useQuery({
    queryKey: ["billing-contract", invoice.contract_id, "payment-method"],
    queryFn: () =>
      sdk.client.fetch<ContractResponse>(`/admin/billing/contracts/${invoice.contract_id}`, {
        query: { fields: "id,payment_method" },
      }),
  })
  const method = contract?.contract.payment_method
  const collections = useQuery({
    queryKey: ["billing-sepa-collections", { invoice_id: invoice.id, probe: true }],
    queryFn: () =>
      sdk.client.fetch<SepaCollectionListResponse>("/admin/billing/sepa/collections", {
        query: { invoice_id: invoice.id, limit: 1, fields: "id" },
      }),
    enabled: !!method && method !== "sepa_debit",
  })
  const charges = useQuery({
    queryKey: ["billing-card-charges", { invoice_id: invoice.id, probe: true }],
    queryFn: () =>
      sdk.client.fetch<CardChargeListResponse>("/admin/billing/collections/card-charges", {
        query: { invoice_id: invoice.id, limit: 1, fields: "id" },
      }),
    enabled: !!method && method !== "card",
  })

  if (invoice.kind !== "invoice" || invoice.status === "draft") {
    return null
  }
  const chargeable = method === "card" && invoice.status === "issued"

  return (
    <>
      {(method === "sepa_debit" || !!collections.data?.count) && <InvoiceCollections invoice={invoice} />}
      {(method === "card" || !!charges.data?.count) && <InvoiceCardCharges invoice={invoice} chargeable={chargeable} />}
      <InvoiceDunningNotices invoice={invoice} />
    </>
  )
}
