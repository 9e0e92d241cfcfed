import { defineWidgetConfig } from "@medusajs/admin-sdk"
import type { AdminCustomer, DetailWidgetProps } from "@medusajs/framework/types"
import { Button, Container, Label, Prompt, StatusBadge, Table, Textarea, toast } from "@medusajs/ui"
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import { useState } from "react"
import { ListState, Note, TableHead } from "../components/list-state"
import { MandateForm } from "../components/mandate-form"
import { SectionHeader } from "../components/section-header"
import { capitalize, formatDate, formatIban, formatSepaAddress, MANDATE_STATUS_COLOR } from "../lib/format"
import { sdk } from "../lib/sdk"
import type { Mandate, MandateAmendment, MandateListResponse, MandateResponse } from "../lib/types"

/** What the next collection reports to the debtor's bank. */
function amendmentText(amendment: MandateAmendment | null) {
  if (!amendment) {
    return null
  }
  return [
    amendment.original_mandate_reference && `reference was ${amendment.original_mandate_reference}`,
    amendment.original_debtor_iban && `IBAN was ${formatIban(amendment.original_debtor_iban)}`,
    amendment.debtor_agent_changed && "moved to another bank",
    amendment.original_creditor_id && `creditor was ${amendment.original_creditor_id}`,
  ]
    .filter(Boolean)
    .join(", ")
}

const RevokeMandateDialog = ({ mandate, onClose }: { mandate: Mandate | null; onClose: () => void }) => {
  const queryClient = useQueryClient()
  const [reason, setReason] = useState("")

  const revoke = useMutation({
    mutationFn: (target: Mandate) =>
      sdk.client.fetch<MandateResponse>(`/admin/billing/mandates/${target.id}`, {
        method: "POST",
        body: { status: "revoked", revocation_reason: reason.trim() || null },
      }),
    onSuccess: ({ mandate: revoked }) => {
      queryClient.invalidateQueries({ queryKey: ["billing-customer-mandates", revoked.customer_id] })
      toast.success(`Mandate ${revoked.mandate_reference} revoked`)
      setReason("")
      onClose()
    },
    onError: (err: Error) => toast.error(err.message),
  })

  return (
    <Prompt open={!!mandate} onOpenChange={(open) => !open && !revoke.isPending && onClose()} variant="danger">
      <Prompt.Content>
        <Prompt.Header>
          <Prompt.Title>Revoke mandate {mandate?.mandate_reference}?</Prompt.Title>
          <Prompt.Description>
            Nothing is collected under it any more; collections already in a batch stay as they are. The customer can sign a
            new mandate afterwards. This cannot be undone.
          </Prompt.Description>
        </Prompt.Header>
        <div className="flex flex-col gap-y-1 px-6 pb-6">
          <Label size="small" htmlFor="revoke-reason">
            Reason (optional)
          </Label>
          <Textarea id="revoke-reason" value={reason} maxLength={500} onChange={(event) => setReason(event.target.value)} />
        </div>
        <Prompt.Footer>
          <Prompt.Cancel disabled={revoke.isPending}>Keep</Prompt.Cancel>
          <Button size="small" variant="danger" isLoading={revoke.isPending} onClick={() => mandate && revoke.mutate(mandate)}>
            Revoke mandate
          </Button>
        </Prompt.Footer>
      </Prompt.Content>
    </Prompt>
  )
}

const MandatesTable = ({
  mandates,
  onAmend,
  onRevoke,
}: {
  mandates: Mandate[]
  onAmend: (mandate: Mandate) => void
  onRevoke: (mandate: Mandate) => void
}) => (
  <Table>
    <TableHead columns={["Mandate", "Status", "Debtor", "Collections", ""]} />
    <Table.Body>
      {mandates.map((mandate) => {
        const amendment = amendmentText(mandate.pending_amendment)
        return (
          <Table.Row key={mandate.id} className="[&_td]:align-top [&_td]:py-2">
            <Table.Cell>
              <div className="txt-compact-small-plus">{mandate.mandate_reference}</div>
              <div className="txt-compact-small text-ui-fg-subtle whitespace-nowrap">signed {formatDate(mandate.signature_date)}</div>
            </Table.Cell>
            <Table.Cell>
              <StatusBadge color={MANDATE_STATUS_COLOR[mandate.status] ?? "grey"}>{capitalize(mandate.status)}</StatusBadge>
              {mandate.revoked_on && (
                <div className="txt-compact-small text-ui-fg-subtle mt-1 whitespace-normal">
                  on {formatDate(mandate.revoked_on)}
                  {mandate.revocation_reason ? ` · ${mandate.revocation_reason}` : ""}
                </div>
              )}
            </Table.Cell>
            <Table.Cell className="whitespace-normal">
              <div>{mandate.debtor_name}</div>
              <div className="txt-compact-small text-ui-fg-subtle whitespace-nowrap">
                {formatIban(mandate.debtor_iban)}
                {mandate.debtor_bic ? ` · ${mandate.debtor_bic}` : ""}
              </div>
              <div className="txt-compact-small text-ui-fg-subtle">{formatSepaAddress(mandate)}</div>
            </Table.Cell>
            <Table.Cell className="whitespace-normal">
              <div>
                {mandate.first_collection_at ? `Recurring · last ${formatDate(mandate.last_collection_date)}` : "None yet (next: first)"}
              </div>
              {amendment && <div className="txt-compact-small text-ui-fg-subtle">Reported next: {amendment}</div>}
            </Table.Cell>
            <Table.Cell className="text-right">
              {mandate.status === "active" && (
                <div className="flex justify-end gap-x-1">
                  <Button size="small" variant="transparent" onClick={() => onAmend(mandate)}>
                    Amend
                  </Button>
                  <Button size="small" variant="transparent" className="text-ui-fg-error" onClick={() => onRevoke(mandate)}>
                    Revoke
                  </Button>
                </div>
              )}
            </Table.Cell>
          </Table.Row>
        )
      })}
    </Table.Body>
  </Table>
)

/** The customer's SEPA direct debit mandates: one active at a time, amended or revoked here. */
const CustomerMandatesWidget = ({ data: customer }: DetailWidgetProps<AdminCustomer>) => {
  const [form, setForm] = useState<{ mandate?: Mandate } | null>(null)
  const [revoking, setRevoking] = useState<Mandate | null>(null)

  const query = useQuery({
    queryKey: ["billing-customer-mandates", customer.id],
    queryFn: () =>
      sdk.client.fetch<MandateListResponse>(`/admin/billing/customers/${customer.id}/mandates`, { query: { limit: 50 } }),
  })
  const { data } = query
  const hasActive = !!data?.mandates.some((mandate) => mandate.status === "active")

  return (
    <Container className="divide-y p-0">
      <SectionHeader title="SEPA mandates" description="Direct debit mandates the customer signed. Invoices of SEPA contracts are collected under the active one.">
        {!form && data && !hasActive && (
          <Button size="small" variant="secondary" className="shrink-0" onClick={() => setForm({})}>
            New mandate
          </Button>
        )}
      </SectionHeader>
      {form && <MandateForm key={form.mandate?.id ?? "new"} customer={customer} mandate={form.mandate} onDone={() => setForm(null)} />}
      <ListState query={query} items={data?.mandates} loadingText="Loading mandates…" emptyText="No mandates yet.">
        {(mandates) => (
          <>
            <MandatesTable mandates={mandates} onAmend={(mandate) => setForm({ mandate })} onRevoke={setRevoking} />
            {hasActive && !form && <Note>A new mandate can be recorded once the active one is revoked.</Note>}
          </>
        )}
      </ListState>
      <RevokeMandateDialog mandate={revoking} onClose={() => setRevoking(null)} />
    </Container>
  )
}

export const config = defineWidgetConfig({
  zone: "customer.details.after",
})

export default CustomerMandatesWidget
