import { Alert, Badge, Button, Container, Heading, Text, toast } from "@medusajs/ui"
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import { type FormEvent, useState } from "react"
import { formatIban, formatSepaAddress } from "../lib/format"
import { sdk } from "../lib/sdk"
import type { SepaCreditor, SepaCreditorResponse } from "../lib/types"
import { Field } from "./field"
import { type FieldErrors, parseFieldErrors, unplacedErrors } from "./field-errors"
import { FormFooter, FormInput } from "./form-field"
import { Note } from "./list-state"

const CREDITOR_KEY = ["billing-sepa-creditor"]
const ADDRESS_KEYS = ["street_name", "building_number", "postal_code", "town_name", "country_code"] as const
const NO_ERRORS: FieldErrors = { fields: {}, other: [] }

type Values = {
  creditor_id: string
  creditor_name: string
  creditor_iban: string
  creditor_bic: string
  street_name: string
  building_number: string
  postal_code: string
  town_name: string
  country_code: string
  pre_notification_days: string
}

const PLACED = [
  "creditor_id",
  "creditor_name",
  "creditor_iban",
  "creditor_bic",
  "pre_notification_days",
  ...ADDRESS_KEYS.map((key) => `creditor_address.${key}`),
]

const valuesOf = (creditor: SepaCreditor): Values => ({
  creditor_id: creditor.creditor_id ?? "",
  creditor_name: creditor.creditor_name ?? "",
  creditor_iban: creditor.creditor_iban ?? "",
  creditor_bic: creditor.creditor_bic ?? "",
  street_name: creditor.creditor_address?.street_name ?? "",
  building_number: creditor.creditor_address?.building_number ?? "",
  postal_code: creditor.creditor_address?.postal_code ?? "",
  town_name: creditor.creditor_address?.town_name ?? "",
  country_code: creditor.creditor_address?.country_code ?? "DE",
  pre_notification_days: creditor.pre_notification_days == null ? "" : String(creditor.pre_notification_days),
})

const CreditorForm = ({ creditor, onDone }: { creditor: SepaCreditor; onDone: () => void }) => {
  const queryClient = useQueryClient()
  const [values, setValues] = useState(() => valuesOf(creditor))
  const [errors, setErrors] = useState<FieldErrors>(NO_ERRORS)

  const save = useMutation({
    mutationFn: () =>
      sdk.client.fetch<SepaCreditorResponse>("/admin/billing/sepa/creditor", {
        method: "POST",
        body: {
          creditor_id: values.creditor_id.trim(),
          creditor_name: values.creditor_name.trim(),
          creditor_iban: values.creditor_iban.trim(),
          creditor_bic: values.creditor_bic.trim() || null,
          creditor_address: {
            street_name: values.street_name.trim() || null,
            building_number: values.building_number.trim() || null,
            postal_code: values.postal_code.trim() || null,
            town_name: values.town_name.trim(),
            country_code: values.country_code.trim(),
          },
          // A number, or null for the default; anything else is passed on for the API to name it.
          pre_notification_days: values.pre_notification_days.trim() === "" ? null : Number(values.pre_notification_days),
        },
      }),
    onSuccess: (result) => {
      queryClient.setQueryData(CREDITOR_KEY, result)
      toast.success("SEPA creditor saved")
      onDone()
    },
    onError: (err: Error) => setErrors(parseFieldErrors(err.message)),
  })

  const input = (key: keyof Values, label: string, props: Record<string, unknown> = {}) => (
    <FormInput
      id={`creditor-${key}`}
      label={label}
      error={errors.fields[key] ?? errors.fields[`creditor_address.${key}`]}
      value={values[key]}
      onValueChange={(value) => setValues((current) => ({ ...current, [key]: value }))}
      {...props}
    />
  )
  const general = unplacedErrors(errors, PLACED)

  const onSubmit = (event: FormEvent) => {
    event.preventDefault()
    setErrors(NO_ERRORS)
    save.mutate()
  }

  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-y-4 px-6 py-4">
      <div className="grid grid-cols-1 gap-4 md:grid-cols-2">
        {input("creditor_id", "Creditor identifier (Gläubiger-ID)", { placeholder: "DE98ZZZ09999999999" })}
        {input("creditor_name", "Creditor name", { maxLength: 70 })}
        {input("creditor_iban", "IBAN")}
        {input("creditor_bic", "BIC (optional)")}
        <div className="grid grid-cols-[1fr_96px] gap-x-2">
          {input("street_name", "Street (optional)")}
          {input("building_number", "No.")}
        </div>
        <div className="grid grid-cols-[96px_1fr_72px] gap-x-2">
          {input("postal_code", "Postal code")}
          {input("town_name", "Town")}
          {input("country_code", "Country", { maxLength: 2 })}
        </div>
        {input("pre_notification_days", "Pre-notification days (default 14)", { type: "number", min: 1, max: 60 })}
      </div>
      <FormFooter
        errors={general}
        onClose={onDone}
        pending={save.isPending}
        submitLabel="Save creditor"
      />
    </form>
  )
}

/** The SEPA creditor in force (admin settings, else the plugin option `sepa`), its problems, and an editor. */
export const SepaCreditorSettings = () => {
  const [editing, setEditing] = useState(false)
  const { data, isLoading, isError, error } = useQuery({
    queryKey: CREDITOR_KEY,
    queryFn: () => sdk.client.fetch<SepaCreditorResponse>("/admin/billing/sepa/creditor"),
  })

  return (
    <Container className="divide-y p-0">
      <div className="flex items-center justify-between gap-x-4 px-6 py-4">
        <div>
          <div className="flex items-center gap-x-2">
            <Heading level="h2">SEPA creditor</Heading>
            {data && (
              <Badge size="2xsmall" color={data.source === "settings" ? "blue" : "grey"}>
                {data.source === "settings" ? "Admin settings" : "Plugin option"}
              </Badge>
            )}
          </div>
          <Text size="small" className="text-ui-fg-subtle">
            Who collects: printed in every direct debit file and pre-notification. Saved settings override the plugin option.
          </Text>
        </div>
        {!editing && data && (
          <Button size="small" variant="secondary" onClick={() => setEditing(true)}>
            Edit
          </Button>
        )}
      </div>
      {isLoading ? (
        <Note>Loading creditor…</Note>
      ) : isError || !data ? (
        <Note error>{error?.message}</Note>
      ) : editing ? (
        <CreditorForm creditor={data.creditor} onDone={() => setEditing(false)} />
      ) : (
        <>
          <div className="grid grid-cols-2 gap-4 px-6 py-4 md:grid-cols-4">
            <Field label="Creditor identifier">{data.creditor.creditor_id || "–"}</Field>
            <Field label="Name">{data.creditor.creditor_name || "–"}</Field>
            <Field label="IBAN">{formatIban(data.creditor.creditor_iban)}</Field>
            <Field label="BIC">{data.creditor.creditor_bic || "–"}</Field>
            <Field label="Address">{formatSepaAddress(data.creditor.creditor_address)}</Field>
            <Field label="Pre-notification">{data.creditor.pre_notification_days ?? 14} days</Field>
          </div>
          {data.problems.length > 0 && (
            <div className="px-6 py-4">
              <Alert variant="warning">
                <Text size="small" weight="plus">
                  No direct debit file can be created until this is fixed:
                </Text>
                <ul className="txt-compact-small list-disc pl-5">
                  {data.problems.map((problem) => (
                    <li key={`${problem.field}-${problem.reason}`}>
                      {problem.field}: {problem.reason}
                    </li>
                  ))}
                </ul>
              </Alert>
            </div>
          )}
        </>
      )}
    </Container>
  )
}
