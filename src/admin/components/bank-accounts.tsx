import { Button, Container, Table, toast } from "@medusajs/ui"
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import { type FormEvent, useState } from "react"
import { formatDateTime, formatIban } from "../lib/format"
import { sdk } from "../lib/sdk"
import type { BankAccountListResponse, BankAccountResponse } from "../lib/types"
import { type FieldErrors, parseFieldErrors, unplacedErrors } from "./field-errors"
import { FormFooter, FormInput } from "./form-field"
import { ListState, TableHead } from "./list-state"
import { SectionHeader } from "./section-header"

const NO_ERRORS: FieldErrors = { fields: {}, other: [] }
const FIELDS = ["name", "iban", "bic", "currency_code"]

const BankAccountForm = ({ onDone }: { onDone: () => void }) => {
  const queryClient = useQueryClient()
  const [values, setValues] = useState({ name: "", iban: "", bic: "", currency_code: "EUR" })
  const [errors, setErrors] = useState<FieldErrors>(NO_ERRORS)

  const create = useMutation({
    mutationFn: () =>
      sdk.client.fetch<BankAccountResponse>("/admin/billing/bank/accounts", {
        method: "POST",
        body: {
          name: values.name.trim(),
          iban: values.iban.trim(),
          bic: values.bic.trim() || null,
          currency_code: values.currency_code.trim(),
        },
      }),
    onSuccess: ({ bank_account }) => {
      queryClient.invalidateQueries({ queryKey: ["billing-bank-accounts"] })
      toast.success(`Bank account ${bank_account.name} registered`)
      onDone()
    },
    onError: (err: Error) => setErrors(parseFieldErrors(err.message)),
  })

  const input = (key: keyof typeof values, label: string, props: Record<string, unknown> = {}) => (
    <FormInput
      id={`bank-account-${key}`}
      label={label}
      error={errors.fields[key]}
      value={values[key]}
      onValueChange={(value) => setValues((current) => ({ ...current, [key]: value }))}
      {...props}
    />
  )
  const general = unplacedErrors(errors, FIELDS)

  const onSubmit = (event: FormEvent) => {
    event.preventDefault()
    setErrors(NO_ERRORS)
    create.mutate()
  }

  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-y-4 px-6 py-4">
      <div className="grid grid-cols-1 gap-4 md:grid-cols-4">
        {input("name", "Name", { placeholder: "Geschäftskonto Sparkasse", maxLength: 200 })}
        {input("iban", "IBAN", { placeholder: "DE89 3704 0044 0532 0130 00" })}
        {input("bic", "BIC (optional)")}
        {input("currency_code", "Currency", { maxLength: 3 })}
      </div>
      <FormFooter
        errors={general}
        onClose={onDone}
        pending={create.isPending}
        submitLabel="Register account"
        submitDisabled={!values.name.trim() || !values.iban.trim()}
      />
    </form>
  )
}

/** The merchant's own accounts: statements are imported only for registered ones. */
export const BankAccounts = () => {
  const [adding, setAdding] = useState(false)
  const query = useQuery({
    queryKey: ["billing-bank-accounts"],
    queryFn: () => sdk.client.fetch<BankAccountListResponse>("/admin/billing/bank/accounts", { query: { limit: 100 } }),
  })

  return (
    <Container className="divide-y p-0">
      <SectionHeader title="Bank accounts" description="Your own accounts. A statement is imported only when its account is registered here.">
        {!adding && (
          <Button size="small" variant="secondary" onClick={() => setAdding(true)}>
            Add account
          </Button>
        )}
      </SectionHeader>
      {adding && <BankAccountForm onDone={() => setAdding(false)} />}
      <ListState query={query} items={query.data?.bank_accounts} loadingText="Loading bank accounts…" emptyText="No bank accounts yet.">
        {(accounts) => (
          <Table>
            <TableHead columns={["Name", "IBAN", "BIC", "Currency", "Registered"]} />
            <Table.Body>
              {accounts.map((account) => (
                <Table.Row key={account.id}>
                  <Table.Cell className="txt-compact-small-plus">{account.name}</Table.Cell>
                  <Table.Cell className="font-mono">{formatIban(account.iban)}</Table.Cell>
                  <Table.Cell>{account.bic ?? "–"}</Table.Cell>
                  <Table.Cell>{account.currency_code.toUpperCase()}</Table.Cell>
                  <Table.Cell>{formatDateTime(account.created_at)}</Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
        )}
      </ListState>
    </Container>
  )
}
