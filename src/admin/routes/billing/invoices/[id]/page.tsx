import { ArrowDownTray } from "@medusajs/icons"
import { Alert, Badge, Button, Checkbox, Container, Heading, Label, Prompt, Table, Text, Textarea, toast } from "@medusajs/ui"
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import { useState } from "react"
import { Link, useParams } from "react-router-dom"
import { Field } from "../../../../components/field"
import { InvoicePayments } from "../../../../components/invoice-payments"
import { InvoiceStatusBadge } from "../../../../components/invoice-status-badge"
import { openFile } from "../../../../components/open-file"
import {
  buyerLabel,
  capitalize,
  formatAmount,
  formatDate,
  formatDateTime,
  formatQuantity,
  formatRate,
  invoiceLabel,
} from "../../../../lib/format"
import { sdk } from "../../../../lib/sdk"
import type { CancelInvoiceResponse, Invoice, InvoiceResponse } from "../../../../lib/types"

const linkClass = "text-ui-fg-interactive hover:text-ui-fg-interactive-hover"

/** The other document of a cancellation pair, by its number. */
const RelatedInvoiceLink = ({ id }: { id: string }) => {
  const { data } = useQuery({
    queryKey: ["billing-invoice", id, "ref"],
    queryFn: () =>
      sdk.client.fetch<InvoiceResponse>(`/admin/billing/invoices/${id}`, { query: { fields: "id,number,kind,status" } }),
  })
  return (
    <Link to={`/billing/invoices/${id}`} className={linkClass}>
      {data ? invoiceLabel(data.invoice) : id}
    </Link>
  )
}

/** Opens the stored PDF in a new tab. */
const openInvoicePdf = (invoice: Invoice) =>
  openFile(`/admin/billing/invoices/${invoice.id}/pdf`, {
    accept: "application/pdf",
    filename: `${invoice.number ?? invoice.id}.pdf`,
    inline: true,
  })

const InvoiceTotals = ({ invoice }: { invoice: Invoice }) => {
  const rows: [string, Invoice["net_total"], boolean?][] = [
    ["Net total", invoice.net_total],
    ["VAT", invoice.tax_total],
    ["Gross total", invoice.gross_total, true],
    ["Credit applied", invoice.credit_applied],
    ["Amount due", invoice.amount_due, true],
  ]
  return (
    <div className="flex justify-end px-6 py-4">
      <table className="txt-compact-small">
        <tbody>
          {rows.map(([label, amount, strong]) => (
            <tr key={label} className={strong ? "txt-compact-small-plus" : "text-ui-fg-subtle"}>
              <td className="pr-8 py-0.5">{label}</td>
              <td className="text-right">{formatAmount(amount, invoice.currency_code)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

const InvoiceLines = ({ invoice }: { invoice: Invoice }) => {
  const lines = [...(invoice.lines ?? [])].sort((a, b) => a.position - b.position)
  return (
    <Container className="divide-y p-0">
      <div className="px-6 py-4">
        <Heading level="h2">Lines</Heading>
      </div>
      {!lines.length ? (
        <Text size="small" className="text-ui-fg-subtle px-6 py-4">
          No lines.
        </Text>
      ) : (
        <Table>
          <Table.Header>
            <Table.Row>
              <Table.HeaderCell>Pos.</Table.HeaderCell>
              <Table.HeaderCell>Description</Table.HeaderCell>
              <Table.HeaderCell>Service</Table.HeaderCell>
              <Table.HeaderCell className="text-right">Quantity</Table.HeaderCell>
              <Table.HeaderCell className="text-right">Unit price</Table.HeaderCell>
              <Table.HeaderCell className="text-right">VAT</Table.HeaderCell>
              <Table.HeaderCell className="text-right">Net amount</Table.HeaderCell>
            </Table.Row>
          </Table.Header>
          <Table.Body>
            {lines.map((line) => (
              <Table.Row key={line.id}>
                <Table.Cell>{line.position}</Table.Cell>
                <Table.Cell>
                  {line.article_number && <span className="text-ui-fg-subtle">{line.article_number} · </span>}
                  {line.description}
                </Table.Cell>
                <Table.Cell>
                  {formatDate(line.service_from)} – {formatDate(line.service_to)}
                </Table.Cell>
                <Table.Cell className="text-right">{formatQuantity(line.quantity)}</Table.Cell>
                <Table.Cell className="text-right">{formatAmount(line.unit_price, invoice.currency_code)}</Table.Cell>
                <Table.Cell className="text-right">{formatRate(line.tax_rate)}</Table.Cell>
                <Table.Cell className="text-right">{formatAmount(line.net_amount, invoice.currency_code)}</Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      )}
      <InvoiceTotals invoice={invoice} />
    </Container>
  )
}

const TaxTotals = ({ invoice }: { invoice: Invoice }) => (
  <Container className="divide-y p-0">
    <div className="px-6 py-4">
      <Heading level="h2">Tax totals</Heading>
    </div>
    {!invoice.tax_totals?.length ? (
      <Text size="small" className="text-ui-fg-subtle px-6 py-4">
        No tax totals.
      </Text>
    ) : (
      <Table>
        <Table.Header>
          <Table.Row>
            <Table.HeaderCell>Category</Table.HeaderCell>
            <Table.HeaderCell className="text-right">Rate</Table.HeaderCell>
            <Table.HeaderCell className="text-right">Net</Table.HeaderCell>
            <Table.HeaderCell className="text-right">VAT</Table.HeaderCell>
          </Table.Row>
        </Table.Header>
        <Table.Body>
          {invoice.tax_totals.map((total) => (
            <Table.Row key={`${total.category}-${total.rate}`}>
              <Table.Cell>{total.category}</Table.Cell>
              <Table.Cell className="text-right">{formatRate(total.rate)}</Table.Cell>
              <Table.Cell className="text-right">{formatAmount(total.net, invoice.currency_code)}</Table.Cell>
              <Table.Cell className="text-right">{formatAmount(total.tax, invoice.currency_code)}</Table.Cell>
            </Table.Row>
          ))}
        </Table.Body>
      </Table>
    )}
  </Container>
)

type CancelDialogProps = {
  invoice: Invoice
  open: boolean
  onOpenChange: (open: boolean) => void
  onCancelled: (result: CancelInvoiceResponse) => void
}

/** Cancellation with a cancellation document; releasing the activities lets the next run bill them again. */
const CancelInvoiceDialog = ({ invoice, open, onOpenChange, onCancelled }: CancelDialogProps) => {
  const queryClient = useQueryClient()
  const [release, setRelease] = useState(false)
  const [reason, setReason] = useState("")

  const cancel = useMutation({
    mutationFn: () =>
      sdk.client.fetch<CancelInvoiceResponse>(`/admin/billing/invoices/${invoice.id}/cancel`, {
        method: "POST",
        body: { release_activities: release, reason: reason.trim() || null },
      }),
    onSuccess: (result) => {
      queryClient.setQueryData(["billing-invoice", invoice.id], { invoice: result.invoice })
      queryClient.invalidateQueries({ queryKey: ["billing-invoices"] })
      queryClient.invalidateQueries({ queryKey: ["billing-customer-ledger", invoice.customer_id] })
      queryClient.invalidateQueries({ queryKey: ["billing-customer-open-items", invoice.customer_id] })
      onOpenChange(false)
      onCancelled(result)
    },
    onError: (err: Error) => toast.error(err.message),
  })

  return (
    <Prompt open={open} onOpenChange={(value) => !cancel.isPending && onOpenChange(value)} variant="danger">
      <Prompt.Content>
        <Prompt.Header>
          <Prompt.Title>Cancel invoice {invoiceLabel(invoice)}?</Prompt.Title>
          <Prompt.Description>
            A cancellation document is issued with its own number and the amount is reversed on the customer account. This
            cannot be undone.
          </Prompt.Description>
        </Prompt.Header>
        <div className="flex flex-col gap-y-4 px-6 pb-6">
          <div className="flex items-start gap-x-3">
            <Checkbox id="cancel-release" checked={release} onCheckedChange={(value) => setRelease(value === true)} />
            <div>
              <Label size="small" weight="plus" htmlFor="cancel-release">
                Release activities for re-billing
              </Label>
              <Text size="small" className="text-ui-fg-subtle">
                The services on this invoice become billable again and the next billing run invoices them anew (e.g. to
                correct the address). Leave unchecked if the services should not be billed at all.
              </Text>
            </div>
          </div>
          <div className="flex flex-col gap-y-1">
            <Label size="small" htmlFor="cancel-reason">
              Reason (optional, printed on the cancellation)
            </Label>
            <Textarea
              id="cancel-reason"
              value={reason}
              maxLength={500}
              onChange={(event) => setReason(event.target.value)}
            />
          </div>
        </div>
        <Prompt.Footer>
          <Prompt.Cancel disabled={cancel.isPending}>Keep</Prompt.Cancel>
          <Button size="small" variant="danger" isLoading={cancel.isPending} onClick={() => cancel.mutate()}>
            Cancel invoice
          </Button>
        </Prompt.Footer>
      </Prompt.Content>
    </Prompt>
  )
}

const InvoicePage = () => {
  const { id } = useParams()
  const [cancelOpen, setCancelOpen] = useState(false)
  const [cancellation, setCancellation] = useState<CancelInvoiceResponse | null>(null)
  const [pdfLoading, setPdfLoading] = useState(false)

  const { data, isLoading, isError, error } = useQuery({
    queryKey: ["billing-invoice", id],
    queryFn: () => sdk.client.fetch<InvoiceResponse>(`/admin/billing/invoices/${id}`),
    enabled: !!id,
  })

  if (isLoading) {
    return <Text size="small">Loading invoice…</Text>
  }
  if (isError || !data) {
    return <Alert variant="error">{error?.message ?? "Invoice not found"}</Alert>
  }
  const { invoice } = data
  const cancellable = invoice.kind === "invoice" && invoice.status === "issued" && !invoice.cancelled_by_invoice_id
  const notes = Array.isArray(invoice.notes) ? invoice.notes : []

  const onPdf = async () => {
    setPdfLoading(true)
    await openInvoicePdf(invoice)
    setPdfLoading(false)
  }

  return (
    <div className="flex flex-col gap-y-3">
      <Container className="divide-y p-0">
        <div className="flex items-center justify-between gap-x-4 px-6 py-4">
          <div className="flex items-center gap-x-3">
            <Heading level="h1">
              {invoice.kind === "cancellation" ? "Cancellation" : "Invoice"} {invoiceLabel(invoice)}
            </Heading>
            <InvoiceStatusBadge status={invoice.status} />
            {invoice.kind === "cancellation" && (
              <Badge size="2xsmall" color="orange">
                Cancellation
              </Badge>
            )}
          </div>
          <div className="flex items-center gap-x-2">
            {invoice.status !== "draft" && (
              <Button size="small" variant="secondary" onClick={onPdf} isLoading={pdfLoading}>
                <ArrowDownTray />
                PDF
              </Button>
            )}
            {cancellable && (
              <Button size="small" variant="danger" onClick={() => setCancelOpen(true)}>
                Cancel invoice
              </Button>
            )}
          </div>
        </div>
        {cancellation?.invoice.id === invoice.id && (
          <div className="px-6 py-4">
            <Alert variant="success" dismissible>
              Cancelled with cancellation{" "}
              <Link to={`/billing/invoices/${cancellation.cancellation.id}`} className={linkClass}>
                {invoiceLabel(cancellation.cancellation)}
              </Link>
              {cancellation.released_activity_ids.length > 0
                ? ` – ${cancellation.released_activity_ids.length} activities released for re-billing.`
                : "."}
            </Alert>
          </div>
        )}
        <div className="grid grid-cols-2 gap-4 px-6 py-4 md:grid-cols-4">
          <Field label="Customer">
            <Link to={`/customers/${invoice.customer_id}`} className={linkClass}>
              {buyerLabel(invoice)}
            </Link>
          </Field>
          <Field label="Contract">
            <Link to={`/billing/contracts/${invoice.contract_id}`} className={linkClass}>
              {invoice.contract_number ?? invoice.contract_id}
            </Link>
          </Field>
          <Field label="Issue date">{formatDate(invoice.issue_date)}</Field>
          <Field label="Due date">{formatDate(invoice.due_date)}</Field>
          <Field label="Service period">
            {formatDate(invoice.service_from)} – {formatDate(invoice.service_to)}
          </Field>
          <Field label="Currency">{invoice.currency_code.toUpperCase()}</Field>
          <Field label="Payment terms">{invoice.payment_terms ?? "–"}</Field>
          <Field label="Issued at">{formatDateTime(invoice.issued_at)}</Field>
          <Field label="Gross total">{formatAmount(invoice.gross_total, invoice.currency_code)}</Field>
          <Field label="Credit applied">{formatAmount(invoice.credit_applied, invoice.currency_code)}</Field>
          <Field label="Amount due">{formatAmount(invoice.amount_due, invoice.currency_code)}</Field>
          <Field label="Kind">{capitalize(invoice.kind)}</Field>
          {invoice.cancels_invoice_id && (
            <Field label="Cancels">
              <RelatedInvoiceLink id={invoice.cancels_invoice_id} />
            </Field>
          )}
          {invoice.cancelled_by_invoice_id && (
            <Field label="Cancelled by">
              <RelatedInvoiceLink id={invoice.cancelled_by_invoice_id} />
            </Field>
          )}
        </div>
        {notes.length > 0 && (
          <div className="px-6 py-4">
            <Text size="small" className="text-ui-fg-subtle">
              Notes
            </Text>
            <ul className="txt-compact-small list-disc pl-5">
              {notes.map((note, index) => (
                <li key={index}>{String(note)}</li>
              ))}
            </ul>
          </div>
        )}
      </Container>
      <InvoiceLines invoice={invoice} />
      <TaxTotals invoice={invoice} />
      <InvoicePayments invoice={invoice} />
      <CancelInvoiceDialog invoice={invoice} open={cancelOpen} onOpenChange={setCancelOpen} onCancelled={setCancellation} />
    </div>
  )
}

export const handle = {
  breadcrumb: () => "Invoice",
}

export default InvoicePage
