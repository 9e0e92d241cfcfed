import { FetchError } from "@medusajs/js-sdk"
import { Button, Container, Heading, Input, Select, Text, toast } from "@medusajs/ui"
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import { type FormEvent, useState } from "react"
import { formatDateTime } from "../lib/format"
import { sdk } from "../lib/sdk"
import type { CardPaymentMethod, CardPaymentMethodResponse, Contract } from "../lib/types"
import { Field } from "./field"
import { type FieldErrors, parseFieldErrors, unplacedErrors } from "./field-errors"
import { FormField, FormFooter, FormInput } from "./form-field"
import { Note } from "./list-state"

type ProvidersResponse = { payment_providers: { id: string; is_enabled: boolean }[] }

const FORM_FIELDS = ["provider_id", "payment_method_token", "account_holder_id", "label"] as const
const NO_ERRORS: FieldErrors = { fields: {}, other: [] }

const PaymentMethodForm = ({
  contract,
  current,
  onDone,
}: {
  contract: Contract
  current: CardPaymentMethod | null
  onDone: () => void
}) => {
  const queryClient = useQueryClient()
  const [providerId, setProviderId] = useState(current?.provider_id ?? "")
  const [token, setToken] = useState("")
  const [accountHolderId, setAccountHolderId] = useState(current?.account_holder_id ?? "")
  const [label, setLabel] = useState(current?.label ?? "")
  const [errors, setErrors] = useState<FieldErrors>(NO_ERRORS)

  const { data: providers } = useQuery({
    queryKey: ["payment-providers", { is_enabled: true }],
    queryFn: () =>
      sdk.client.fetch<ProvidersResponse>("/admin/payments/payment-providers", { query: { is_enabled: true, limit: 100 } }),
  })
  const providerIds = (providers?.payment_providers ?? []).map((provider) => provider.id)

  const save = useMutation({
    mutationFn: () =>
      sdk.client.fetch<CardPaymentMethodResponse>(`/admin/billing/contracts/${contract.id}/payment-method`, {
        method: "POST",
        body: {
          provider_id: providerId.trim(),
          payment_method_token: token.trim(),
          account_holder_id: accountHolderId.trim() || null,
          label: label.trim() || null,
        },
      }),
    onSuccess: (result) => {
      queryClient.setQueryData(["billing-card-payment-method", contract.id], result.payment_method)
      toast.success("Card saved", { description: `Contract ${contract.number} is charged with it from now on.` })
      onDone()
    },
    onError: (err: Error) => setErrors(parseFieldErrors(err.message)),
  })

  const onSubmit = (event: FormEvent) => {
    event.preventDefault()
    setErrors(NO_ERRORS)
    save.mutate()
  }
  const general = unplacedErrors(errors, FORM_FIELDS)

  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-y-4 px-6 py-4">
      <div className="grid grid-cols-1 gap-4 md:grid-cols-2">
        <FormField id="card-provider" label="Payment provider" error={errors.fields.provider_id}>
          {providerIds.length ? (
            <Select size="small" value={providerId} onValueChange={setProviderId}>
              <Select.Trigger id="card-provider">
                <Select.Value placeholder="Choose a provider" />
              </Select.Trigger>
              <Select.Content>
                {providerIds.map((id) => (
                  <Select.Item key={id} value={id}>
                    {id}
                  </Select.Item>
                ))}
              </Select.Content>
            </Select>
          ) : (
            <Input
              id="card-provider"
              size="small"
              placeholder="pp_stripe_stripe"
              value={providerId}
              onChange={(event) => setProviderId(event.target.value)}
            />
          )}
        </FormField>
        <FormInput
          id="card-token"
          label="Saved payment method (provider token)"
          error={errors.fields.payment_method_token}
          placeholder="pm_…"
          value={token}
          onValueChange={setToken}
        />
        <FormInput
          id="card-account-holder"
          label="Account holder id (optional)"
          error={errors.fields.account_holder_id}
          placeholder="acchld_…"
          value={accountHolderId}
          onValueChange={setAccountHolderId}
        />
        <FormInput
          id="card-label"
          label="Label (optional)"
          error={errors.fields.label}
          maxLength={200}
          placeholder="Visa •••• 4242"
          value={label}
          onValueChange={setLabel}
        />
      </div>
      <FormFooter
        errors={general}
        onClose={onDone}
        pending={save.isPending}
        submitLabel="Save card"
        submitDisabled={!providerId.trim() || !token.trim()}
      />
    </form>
  )
}

/** The card a `card` contract is charged with (a Payment module provider and its saved payment method); set or replace it. */
export const CardPaymentMethodSection = ({ contract }: { contract: Contract }) => {
  const [editing, setEditing] = useState(false)
  const { data, isLoading, isError, error } = useQuery({
    queryKey: ["billing-card-payment-method", contract.id],
    // No stored card is a 404: shown as "none yet", not as an error.
    queryFn: () =>
      sdk.client
        .fetch<CardPaymentMethodResponse>(`/admin/billing/contracts/${contract.id}/payment-method`)
        .then((result) => result.payment_method)
        .catch((err: unknown) => {
          if (err instanceof FetchError && err.status === 404) {
            return null
          }
          throw err
        }),
  })

  return (
    <Container className="divide-y p-0">
      <div className="flex items-center justify-between gap-x-4 px-6 py-4">
        <div>
          <Heading level="h2">Card payment method</Heading>
          <Text size="small" className="text-ui-fg-subtle">
            Open invoices of this contract are charged to this card (job and "Charge now" on the invoice).
          </Text>
        </div>
        {!editing && !isLoading && !isError && (
          <Button size="small" variant="secondary" onClick={() => setEditing(true)}>
            {data ? "Replace card" : "Set card"}
          </Button>
        )}
      </div>
      {isLoading ? (
        <Note>Loading card…</Note>
      ) : isError ? (
        <Note error>{error?.message}</Note>
      ) : editing ? (
        <PaymentMethodForm contract={contract} current={data ?? null} onDone={() => setEditing(false)} />
      ) : !data ? (
        <Note>No card stored yet: the contract's invoices cannot be charged.</Note>
      ) : (
        <div className="grid grid-cols-2 gap-4 px-6 py-4 md:grid-cols-4">
          <Field label="Card">{data.label ?? "–"}</Field>
          <Field label="Provider">{data.provider_id}</Field>
          <Field label="Payment method token">{data.payment_method_token}</Field>
          <Field label="Account holder">{data.account_holder_id ?? "–"}</Field>
          <Field label="Stored">{formatDateTime(data.updated_at ?? data.created_at)}</Field>
        </div>
      )}
    </Container>
  )
}
