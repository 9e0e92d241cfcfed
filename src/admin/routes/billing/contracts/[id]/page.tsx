import { Alert, Button, Container, Heading, Table, Text, toast, usePrompt } from "@medusajs/ui"
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import { type ReactNode, useState } from "react"
import { Link, useParams } from "react-router-dom"
import { BillingPreview } from "../../../../components/billing-preview"
import { CardPaymentMethodSection } from "../../../../components/card-payment-method"
import { ContractInvoices } from "../../../../components/contract-invoices"
import { ContractStatusBadge } from "../../../../components/contract-status-badge"
import { capitalize, customerLabel, PAYMENT_METHOD_LABEL, formatAmount, formatDate, formatInterval, formatTerm } from "../../../../lib/format"
import { sdk } from "../../../../lib/sdk"
import type { Contract, ContractResponse, InterimInvoiceResponse, LifecycleResponse } from "../../../../lib/types"

const Field = ({ label, children }: { label: string; children: ReactNode }) => (
  <div>
    <Text size="small" className="text-ui-fg-subtle">
      {label}
    </Text>
    <Text size="small">{children}</Text>
  </div>
)

const ContractFields = ({ contract }: { contract: Contract }) => (
  <div className="grid grid-cols-2 gap-4 px-6 py-4 md:grid-cols-4">
    <Field label="Customer">
      <Link to={`/customers/${contract.customer_id}`} className="text-ui-fg-interactive hover:text-ui-fg-interactive-hover">
        {customerLabel(contract.customer)}
      </Link>
    </Field>
    <Field label="Project">{contract.billing_project?.name ?? contract.project_id}</Field>
    <Field label="Currency">{contract.currency_code.toUpperCase()}</Field>
    <Field label="Payment method">{PAYMENT_METHOD_LABEL[contract.payment_method] ?? contract.payment_method}</Field>
    <Field label="Start">{formatDate(contract.start_date)}</Field>
    <Field label="End">{formatDate(contract.end_date)}</Field>
    <Field label="Interval">{formatInterval(contract.interval_count, contract.interval_unit)}</Field>
    <Field label="Billing">{capitalize(contract.billing_mode)}</Field>
    <Field label="Minimum term">{formatTerm(contract.minimum_term_count, contract.minimum_term_unit)}</Field>
    <Field label="Renewal term">{formatTerm(contract.renewal_term_count, contract.renewal_term_unit)}</Field>
    <Field label="Notice period">{formatTerm(contract.notice_period_count, contract.notice_period_unit)}</Field>
    <Field label="Billed until">{formatDate(contract.billed_until)}</Field>
  </div>
)

const ContractItems = ({ contract }: { contract: Contract }) => (
  <Container className="divide-y p-0">
    <div className="px-6 py-4">
      <Heading level="h2">Items</Heading>
    </div>
    {!contract.items?.length ? (
      <Text size="small" className="text-ui-fg-subtle px-6 py-4">
        No items.
      </Text>
    ) : (
      <Table>
        <Table.Header>
          <Table.Row>
            <Table.HeaderCell>Article</Table.HeaderCell>
            <Table.HeaderCell className="text-right">Quantity</Table.HeaderCell>
            <Table.HeaderCell>Valid from</Table.HeaderCell>
            <Table.HeaderCell>Valid to</Table.HeaderCell>
            <Table.HeaderCell>Billing from</Table.HeaderCell>
            <Table.HeaderCell className="text-right">Custom price</Table.HeaderCell>
          </Table.Row>
        </Table.Header>
        <Table.Body>
          {contract.items.map((item) => (
            <Table.Row key={item.id}>
              <Table.Cell>
                {item.billing_article ? `${item.billing_article.number} – ${item.billing_article.name}` : item.article_id}
                {item.description && <span className="text-ui-fg-subtle"> · {item.description}</span>}
              </Table.Cell>
              <Table.Cell className="text-right">{item.quantity}</Table.Cell>
              <Table.Cell>{formatDate(item.valid_from)}</Table.Cell>
              <Table.Cell>{formatDate(item.valid_to)}</Table.Cell>
              <Table.Cell>{formatDate(item.billing_from)}</Table.Cell>
              <Table.Cell className="text-right">{formatAmount(item.custom_unit_price, contract.currency_code)}</Table.Cell>
            </Table.Row>
          ))}
        </Table.Body>
      </Table>
    )}
  </Container>
)

/** Every lifecycle action answers with the updated contract; lists and the preview may have changed with it. */
const useLifecycleAction = (id: string | undefined, action: "activate" | "cancel" | "end") => {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: () =>
      sdk.client.fetch<LifecycleResponse>(`/admin/billing/contracts/${id}/${action}`, { method: "POST", body: {} }),
    onSuccess: (result) => {
      queryClient.setQueryData(["billing-contract", id], { contract: result.contract })
      queryClient.invalidateQueries({ queryKey: ["billing-contracts"] })
      queryClient.invalidateQueries({ queryKey: ["billing-contract-preview", id] })
    },
    onError: (err: Error) => toast.error(err.message),
  })
}

/** Bills everything due and unbilled of the contract now (Zwischenabrechnung). */
const useInterimInvoice = (id: string | undefined) => {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: () =>
      sdk.client.fetch<InterimInvoiceResponse>(`/admin/billing/contracts/${id}/interim-invoice`, { method: "POST", body: {} }),
    onSuccess: () => {
      queryClient.invalidateQueries({ queryKey: ["billing-contract", id] })
      queryClient.invalidateQueries({ queryKey: ["billing-contract-preview", id] })
      queryClient.invalidateQueries({ queryKey: ["billing-invoices"] })
      queryClient.invalidateQueries({ queryKey: ["billing-runs"] })
    },
    onError: (err: Error) => toast.error(err.message),
  })
}

const ContractPage = () => {
  const { id } = useParams()
  const prompt = usePrompt()
  const [cancelledEndDate, setCancelledEndDate] = useState<string | null | undefined>(null)

  const { data, isLoading, isError, error } = useQuery({
    queryKey: ["billing-contract", id],
    queryFn: () => sdk.client.fetch<ContractResponse>(`/admin/billing/contracts/${id}`),
    enabled: !!id,
  })

  const activate = useLifecycleAction(id, "activate")
  const cancel = useLifecycleAction(id, "cancel")
  const end = useLifecycleAction(id, "end")
  const interim = useInterimInvoice(id)

  if (isLoading) {
    return <Text size="small">Loading contract…</Text>
  }
  if (isError || !data) {
    return <Alert variant="error">{error?.message ?? "Contract not found"}</Alert>
  }
  const { contract } = data
  const busy = activate.isPending || cancel.isPending || end.isPending || interim.isPending

  const onActivate = () =>
    activate.mutate(undefined, { onSuccess: () => toast.success(`Contract ${contract.number} activated`) })

  const onCancel = async () => {
    const confirmed = await prompt({
      title: "Cancel contract?",
      description: "The cancellation takes effect with today's notice; the contract runs until the end of its term.",
      confirmText: "Cancel contract",
      cancelText: "Keep",
    })
    if (confirmed) {
      cancel.mutate(undefined, {
        onSuccess: (result) => {
          const endDate = result.end_date ?? result.contract.end_date
          setCancelledEndDate(endDate)
          toast.success(`Contract ${contract.number} cancelled`, { description: `It ends on ${formatDate(endDate)}.` })
        },
      })
    }
  }

  const onEnd = async () => {
    const confirmed = await prompt({
      title: "End contract?",
      description: `The contract ends on ${contract.end_date ?? "today"}. This cannot be undone.`,
      confirmText: "End contract",
      cancelText: "Keep",
    })
    if (confirmed) {
      end.mutate(undefined, {
        onSuccess: (result) => toast.success(`Contract ${contract.number} ended on ${result.contract.end_date}`),
      })
    }
  }

  const onInterim = async () => {
    const confirmed = await prompt({
      title: "Create interim invoice?",
      description:
        "Everything due and not yet billed on this contract up to today is invoiced now, offsetting the customer's credit. The invoice is issued and mailed immediately.",
      confirmText: "Create invoice",
      cancelText: "Back",
      variant: "confirmation",
    })
    if (confirmed) {
      interim.mutate(undefined, {
        onSuccess: (result) => {
          const numbers = result.invoices.map((invoice) => invoice.number ?? invoice.id)
          if (numbers.length) {
            toast.success(`Interim invoice ${numbers.join(", ")} issued`)
          } else {
            toast.info("Nothing to bill", { description: "The contract has no due, unbilled services up to today." })
          }
        },
      })
    }
  }

  return (
    <div className="flex flex-col gap-y-3">
      <Container className="divide-y p-0">
        <div className="flex items-center justify-between gap-x-4 px-6 py-4">
          <div className="flex items-center gap-x-3">
            <Heading level="h1">Contract {contract.number}</Heading>
            <ContractStatusBadge status={contract.status} />
          </div>
          <div className="flex items-center gap-x-2">
            {contract.status !== "draft" && (
              <Button size="small" variant="secondary" onClick={onInterim} isLoading={interim.isPending} disabled={busy}>
                Interim invoice
              </Button>
            )}
            {contract.status === "draft" && (
              <Button size="small" onClick={onActivate} isLoading={activate.isPending} disabled={busy}>
                Activate
              </Button>
            )}
            {(contract.status === "draft" || contract.status === "active") && (
              <Button size="small" variant="secondary" onClick={onCancel} isLoading={cancel.isPending} disabled={busy}>
                Cancel
              </Button>
            )}
            {(contract.status === "active" || contract.status === "cancelled") && (
              <Button size="small" variant="danger" onClick={onEnd} isLoading={end.isPending} disabled={busy}>
                End
              </Button>
            )}
          </div>
        </div>
        {cancelledEndDate && (
          <div className="px-6 py-4">
            <Alert variant="info" dismissible>
              Cancellation accepted – the contract ends on {cancelledEndDate}.
            </Alert>
          </div>
        )}
        <ContractFields contract={contract} />
      </Container>
      <ContractItems contract={contract} />
      {contract.payment_method === "card" && <CardPaymentMethodSection contract={contract} />}
      <ContractInvoices contract={contract} />
      <BillingPreview contract={contract} />
    </div>
  )
}

export const handle = {
  breadcrumb: () => "Contract",
}

export default ContractPage
