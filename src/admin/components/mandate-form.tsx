import type { AdminCustomer } from "@medusajs/framework/types"
import { Input, Text, toast } from "@medusajs/ui"
import { useMutation, useQueryClient } from "@tanstack/react-query"
import { type FormEvent, useState } from "react"
import { isIsoDate, todayIso } from "../lib/format"
import { sdk } from "../lib/sdk"
import type { Mandate, MandateResponse, SepaAddress } from "../lib/types"
import { type FieldErrors, parseFieldErrors, unplacedErrors } from "./field-errors"
import { FormField, FormFooter, FormInput } from "./form-field"

type Values = {
  mandate_reference: string
  signature_date: string
  debtor_name: string
  debtor_iban: string
  debtor_bic: string
  street_name: string
  building_number: string
  postal_code: string
  town_name: string
  country_code: string
}

const ADDRESS_KEYS = ["street_name", "building_number", "postal_code", "town_name", "country_code"] as const
const PLACED = [
  "mandate_reference",
  "signature_date",
  "debtor_name",
  "debtor_iban",
  "debtor_bic",
  ...ADDRESS_KEYS.map((key) => `debtor_address.${key}`),
]
const NO_ERRORS: FieldErrors = { fields: {}, other: [] }

/** "Musterstraße 12a" → street and building number, as the structured SEPA address wants them. */
function splitStreet(line: string | null | undefined) {
  const match = /^(.*?)\s+(\d+\s*[a-zA-Z]?(?:\s*[-/]\s*\d+\s*[a-zA-Z]?)?)$/.exec((line ?? "").trim())
  return match ? { street_name: match[1], building_number: match[2] } : { street_name: (line ?? "").trim(), building_number: "" }
}

/** A new mandate starts from the customer's billing address and name; the admin copies the rest from the signed form. */
function valuesFromCustomer(customer: AdminCustomer): Values {
  const address = customer.addresses?.find((candidate) => candidate.is_default_billing) ?? customer.addresses?.[0]
  const name =
    address?.company ||
    customer.company_name ||
    [address?.first_name ?? customer.first_name, address?.last_name ?? customer.last_name].filter(Boolean).join(" ")
  return {
    mandate_reference: "",
    signature_date: todayIso(),
    debtor_name: name ?? "",
    debtor_iban: "",
    debtor_bic: "",
    ...splitStreet(address?.address_1),
    postal_code: address?.postal_code ?? "",
    town_name: address?.city ?? "",
    country_code: (address?.country_code ?? "DE").toUpperCase(),
  }
}

function valuesFromMandate(mandate: Mandate): Values {
  return {
    mandate_reference: mandate.mandate_reference,
    signature_date: mandate.signature_date,
    debtor_name: mandate.debtor_name,
    debtor_iban: mandate.debtor_iban,
    debtor_bic: mandate.debtor_bic ?? "",
    street_name: mandate.street_name ?? "",
    building_number: mandate.building_number ?? "",
    postal_code: mandate.postal_code ?? "",
    town_name: mandate.town_name,
    country_code: mandate.country_code,
  }
}

const addressOf = (values: Values): SepaAddress => ({
  street_name: values.street_name.trim() || null,
  building_number: values.building_number.trim() || null,
  postal_code: values.postal_code.trim() || null,
  town_name: values.town_name.trim(),
  country_code: values.country_code.trim().toUpperCase(),
})

/** An amendment sends only what changed: every change is reported to the debtor's bank with the next collection. */
function amendmentBody(before: Values, after: Values) {
  const body: Record<string, unknown> = {}
  for (const key of ["mandate_reference", "debtor_name", "debtor_iban"] as const) {
    if (after[key].trim() !== before[key]) {
      body[key] = after[key].trim()
    }
  }
  if (after.debtor_bic.trim() !== before.debtor_bic) {
    body.debtor_bic = after.debtor_bic.trim() || null
  }
  if (ADDRESS_KEYS.some((key) => after[key].trim() !== before[key])) {
    body.debtor_address = addressOf(after)
  }
  return body
}

type Props = {
  customer: AdminCustomer
  /** The mandate to amend; without it a new mandate is recorded. */
  mandate?: Mandate
  onDone: () => void
}

/** Records a signed SEPA mandate or amends one; the API's objections are shown under the fields they name. */
export const MandateForm = ({ customer, mandate, onDone }: Props) => {
  const queryClient = useQueryClient()
  const [initial] = useState(() => (mandate ? valuesFromMandate(mandate) : valuesFromCustomer(customer)))
  const [values, setValues] = useState(initial)
  const [errors, setErrors] = useState<FieldErrors>(NO_ERRORS)
  const amendment = mandate ? amendmentBody(initial, values) : null

  const save = useMutation({
    mutationFn: () =>
      mandate
        ? sdk.client.fetch<MandateResponse>(`/admin/billing/mandates/${mandate.id}`, { method: "POST", body: amendment })
        : sdk.client.fetch<MandateResponse>(`/admin/billing/customers/${customer.id}/mandates`, {
            method: "POST",
            body: {
              ...(values.mandate_reference.trim() ? { mandate_reference: values.mandate_reference.trim() } : {}),
              signature_date: values.signature_date,
              debtor_name: values.debtor_name.trim(),
              debtor_iban: values.debtor_iban.trim(),
              debtor_bic: values.debtor_bic.trim() || null,
              debtor_address: addressOf(values),
            },
          }),
    onSuccess: ({ mandate: saved }) => {
      queryClient.invalidateQueries({ queryKey: ["billing-customer-mandates", customer.id] })
      toast.success(mandate ? `Mandate ${saved.mandate_reference} amended` : `Mandate ${saved.mandate_reference} recorded`)
      onDone()
    },
    onError: (err: Error) => setErrors(parseFieldErrors(err.message)),
  })

  const input = (key: keyof Values, label: string, props: Record<string, unknown> = {}) => (
    <FormInput
      id={`mandate-${key}`}
      label={label}
      error={errors.fields[key] ?? errors.fields[`debtor_address.${key}`]}
      value={values[key]}
      onValueChange={(value) => setValues((current) => ({ ...current, [key]: value }))}
      {...props}
    />
  )

  const complete =
    !!values.debtor_name.trim() &&
    !!values.debtor_iban.trim() &&
    !!values.town_name.trim() &&
    !!values.country_code.trim() &&
    (!!mandate || isIsoDate(values.signature_date))
  const general = unplacedErrors(errors, PLACED)

  const onSubmit = (event: FormEvent) => {
    event.preventDefault()
    setErrors(NO_ERRORS)
    save.mutate()
  }

  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-y-4 px-6 py-4">
      <div>
        <Text size="small" weight="plus">
          {mandate ? `Amend mandate ${mandate.mandate_reference}` : "New SEPA mandate"}
        </Text>
        <Text size="small" className="text-ui-fg-subtle">
          {mandate
            ? mandate.first_collection_at
              ? "The mandate has been used: the next collection reports a new reference or account to the debtor's bank."
              : "The mandate has not been used yet: changes take effect without being reported."
            : "As signed by the customer (recurrent CORE direct debit). Town and country are required by the banks."}
        </Text>
      </div>
      <div className="grid grid-cols-1 gap-4 md:grid-cols-2">
        {input("mandate_reference", mandate ? "Mandate reference" : "Mandate reference (generated when empty)", { maxLength: 35 })}
        {mandate ? (
          <FormField id="mandate-signature_date" label="Signature date">
            <Input id="mandate-signature_date" size="small" value={values.signature_date} disabled />
          </FormField>
        ) : (
          input("signature_date", "Signature date", { type: "date", max: todayIso() })
        )}
        {input("debtor_name", "Account holder", { maxLength: 70 })}
        {input("debtor_iban", "IBAN", { placeholder: "DE89 3704 0044 0532 0130 00" })}
        {input("debtor_bic", "BIC (optional)", { placeholder: "COBADEFFXXX" })}
        <div className="grid grid-cols-[1fr_96px] gap-x-2">
          {input("street_name", "Street (optional)")}
          {input("building_number", "No.")}
        </div>
        <div className="grid grid-cols-[96px_1fr_72px] gap-x-2 md:col-span-2 md:grid-cols-[120px_1fr_96px]">
          {input("postal_code", "Postal code")}
          {input("town_name", "Town")}
          {input("country_code", "Country", { maxLength: 2, placeholder: "DE" })}
        </div>
      </div>
      <FormFooter
        errors={general}
        onClose={onDone}
        pending={save.isPending}
        submitLabel={mandate ? "Save amendment" : "Record mandate"}
        submitDisabled={!complete || (!!amendment && !Object.keys(amendment).length)}
      />
    </form>
  )
}
