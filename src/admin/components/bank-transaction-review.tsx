import { Alert, Badge, Button, Input, Label, Prompt, Table, Text, Textarea, toast } from "@medusajs/ui"
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import { type FormEvent, useState } from "react"
import { Link } from "react-router-dom"
import { formatAmount, formatConfidence, formatDate, formatDateTime, formatIban, sumCents } from "../lib/format"
import { sdk } from "../lib/sdk"
import type { BankBooking, BankTransaction, BankTransactionResponse, OpenItemsResponse } from "../lib/types"
import { CustomerLink, CustomerSelect, useCustomerLabels } from "./customer-link"
import { Field } from "./field"
import { TableHead } from "./list-state"

const linkClass = "text-ui-fg-interactive hover:text-ui-fg-interactive-hover"

type Action = "confirm" | "book-credit" | "ignore" | "unmatch"

const ACTION_DONE: Record<Action, string> = {
  confirm: "Payment booked",
  "book-credit": "Payment credited to the customer",
  ignore: "Transaction ignored",
  unmatch: "Booking reversed – the transaction is back in the queue",
}

/** The admin's decisions on a transaction; every one answers with the transaction, and ledgers change with it. */
function useBankAction(transaction: BankTransaction) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: ({ action, body }: { action: Action; body: Record<string, unknown> }) =>
      sdk.client.fetch<BankTransactionResponse>(`/admin/billing/bank/transactions/${transaction.id}/${action}`, {
        method: "POST",
        body,
      }),
    onSuccess: (result, { action }) => {
      queryClient.setQueryData(["billing-bank-transaction", transaction.id], result)
      for (const key of ["billing-bank-transactions", "billing-customer-ledger", "billing-customer-open-items", "billing-sepa-collections"]) {
        queryClient.invalidateQueries({ queryKey: [key] })
      }
      toast.success(ACTION_DONE[action])
    },
  })
}

/** Amounts of money as the customer sees them on the statement: debits negative. */
export const signedAmount = (transaction: Pick<BankTransaction, "amount" | "direction" | "currency_code">) =>
  formatAmount(transaction.direction === "debit" ? -Number(transaction.amount) : transaction.amount, transaction.currency_code)

const ReasonPrompt = ({
  open,
  title,
  description,
  confirmText,
  isPending,
  onConfirm,
  onClose,
}: {
  open: boolean
  title: string
  description: string
  confirmText: string
  isPending: boolean
  onConfirm: (reason: string | null) => void
  onClose: () => void
}) => {
  const [reason, setReason] = useState("")
  return (
    <Prompt open={open} onOpenChange={(value) => !value && !isPending && onClose()}>
      <Prompt.Content>
        <Prompt.Header>
          <Prompt.Title>{title}</Prompt.Title>
          <Prompt.Description>{description}</Prompt.Description>
        </Prompt.Header>
        <div className="flex flex-col gap-y-1 px-6 pb-6">
          <Label size="small" htmlFor="bank-action-reason">
            Reason (optional)
          </Label>
          <Textarea id="bank-action-reason" value={reason} maxLength={500} onChange={(event) => setReason(event.target.value)} />
        </div>
        <Prompt.Footer>
          <Prompt.Cancel disabled={isPending}>Back</Prompt.Cancel>
          <Button size="small" isLoading={isPending} onClick={() => onConfirm(reason.trim() || null)}>
            {confirmText}
          </Button>
        </Prompt.Footer>
      </Prompt.Content>
    </Prompt>
  )
}

const Suggestions = ({
  transaction,
  canBook,
  onBook,
  isPending,
}: {
  transaction: BankTransaction
  canBook: boolean
  onBook: (index: number) => void
  isPending: boolean
}) => {
  const suggestions = transaction.suggestions ?? []
  const customerName = useCustomerLabels(suggestions.flatMap((suggestion) => (suggestion.customer_id ? [suggestion.customer_id] : [])))
  if (!suggestions.length) {
    return (
      <Text size="small" className="text-ui-fg-subtle">
        The matching found no invoice that fits.
      </Text>
    )
  }
  return (
    <div className="flex flex-col gap-y-2">
      {suggestions.map((suggestion, index) => (
        <div key={index} className="bg-ui-bg-base flex items-start justify-between gap-x-4 rounded-md border px-4 py-3">
          <div className="flex flex-col gap-y-1">
            <Text size="small" weight="plus">
              #{index + 1} · {formatConfidence(suggestion.confidence)}
              {suggestion.customer_id && (
                <>
                  {" · "}
                  <CustomerLink id={suggestion.customer_id} label={customerName(suggestion.customer_id)} />
                </>
              )}
            </Text>
            <ul className="txt-compact-small">
              {suggestion.allocations.map((allocation) => (
                <li key={allocation.invoice_id}>
                  <Link to={`/billing/invoices/${allocation.invoice_id}`} className={linkClass}>
                    {allocation.invoice_number}
                  </Link>
                  : {formatAmount(allocation.amount, transaction.currency_code)}
                  {Number(allocation.write_off_amount) > 0 &&
                    ` (+ ${formatAmount(allocation.write_off_amount, transaction.currency_code)} written off)`}
                </li>
              ))}
              {Number(suggestion.credit_amount) > 0 && (
                <li>Rest {formatAmount(suggestion.credit_amount, transaction.currency_code)} credited to the customer</li>
              )}
            </ul>
            <ul className="txt-compact-small text-ui-fg-subtle list-disc pl-5">
              {suggestion.reasons.map((reason) => (
                <li key={reason}>{reason}</li>
              ))}
            </ul>
          </div>
          {canBook && (
            <Button size="small" variant="secondary" onClick={() => onBook(index)} disabled={isPending}>
              Book this
            </Button>
          )}
        </div>
      ))}
    </div>
  )
}

/** Props of the inline forms that book a transaction (split, credit). */
type ActionFormProps = {
  transaction: BankTransaction
  isPending: boolean
  onSubmit: (body: Record<string, unknown>) => void
  onClose: () => void
}

/** Splits the payment across the chosen customer's open invoices; what is left is credited to that customer. */
const SplitForm = ({
  transaction,
  isPending,
  onSubmit,
  onClose,
}: ActionFormProps) => {
  const first = transaction.suggestions?.[0]
  const [customerId, setCustomerId] = useState(transaction.customer_id ?? first?.customer_id ?? "")
  // Starts from the best suggestion when it is for the chosen customer.
  const [amounts, setAmounts] = useState<Record<string, { amount: string; write_off: string }>>(() =>
    Object.fromEntries(
      (first && first.customer_id === customerId ? first.allocations : []).map((allocation) => [
        allocation.invoice_id,
        { amount: allocation.amount, write_off: Number(allocation.write_off_amount) > 0 ? allocation.write_off_amount : "" },
      ])
    )
  )
  const { data, isLoading } = useQuery({
    queryKey: ["billing-customer-open-items", customerId],
    queryFn: () => sdk.client.fetch<OpenItemsResponse>(`/admin/billing/customers/${customerId}/open-items`),
    enabled: !!customerId,
  })
  const items = (data?.open_items ?? []).filter(
    (item) => item.kind === "invoice" && item.currency_code === transaction.currency_code && Number(item.open_amount) > 0
  )
  const allocations = items
    .map((item) => ({ invoice_id: item.id, ...(amounts[item.id] ?? { amount: "", write_off: "" }) }))
    .filter((row) => row.amount.trim() !== "" || row.write_off.trim() !== "")
  const allocated = sumCents(allocations.map((row) => row.amount.replace(",", ".")))
  const total = sumCents([transaction.amount])
  const rest = total - allocated

  const set = (id: string, key: "amount" | "write_off", value: string) =>
    setAmounts((current) => ({ ...current, [id]: { ...(current[id] ?? { amount: "", write_off: "" }), [key]: value } }))

  const submit = (event: FormEvent) => {
    event.preventDefault()
    onSubmit({
      allocations: allocations.map((row) => ({
        invoice_id: row.invoice_id,
        amount: row.amount.trim().replace(",", ".") || "0",
        ...(row.write_off.trim() ? { write_off_amount: row.write_off.trim().replace(",", ".") } : {}),
      })),
      customer_id: customerId || null,
    })
  }

  return (
    <form onSubmit={submit} className="flex flex-col gap-y-3">
      <div className="flex items-center gap-x-2">
        <Label size="small" htmlFor={`split-customer-${transaction.id}`}>
          Customer
        </Label>
        <CustomerSelect
          id={`split-customer-${transaction.id}`}
          value={customerId}
          allLabel={null}
          placeholder="Choose the paying customer"
          className="w-[280px]"
          onChange={(value) => {
            setCustomerId(value)
            setAmounts({})
          }}
        />
      </div>
      {!customerId ? null : isLoading ? (
        <Text size="small" className="text-ui-fg-subtle">
          Loading open invoices…
        </Text>
      ) : !items.length ? (
        <Text size="small" className="text-ui-fg-subtle">
          The customer has no open invoices in {transaction.currency_code.toUpperCase()}: book the payment as a credit instead.
        </Text>
      ) : (
        <div className="overflow-hidden rounded-md border">
          <Table>
            <TableHead
              columns={[
                "Invoice",
                "Due",
                { label: "Open", className: "text-right" },
                { label: "Pay", className: "text-right" },
                { label: "Write off", className: "text-right" },
              ]}
            />
            <Table.Body>
              {items.map((item) => (
                <Table.Row key={item.id}>
                  <Table.Cell>
                    <Link to={`/billing/invoices/${item.id}`} className={linkClass}>
                      {item.number ?? item.id}
                    </Link>
                  </Table.Cell>
                  <Table.Cell>{formatDate(item.due_date)}</Table.Cell>
                  <Table.Cell className="text-right">{formatAmount(item.open_amount, item.currency_code)}</Table.Cell>
                  <Table.Cell className="text-right">
                    <div className="flex items-center justify-end gap-x-1">
                      <Button
                        size="small"
                        variant="transparent"
                        type="button"
                        onClick={() => set(item.id, "amount", String(item.open_amount))}
                      >
                        All
                      </Button>
                      <Input
                        size="small"
                        className="w-[110px] text-right"
                        inputMode="decimal"
                        aria-label={`Pay on ${item.number}`}
                        value={amounts[item.id]?.amount ?? ""}
                        onChange={(event) => set(item.id, "amount", event.target.value)}
                      />
                    </div>
                  </Table.Cell>
                  <Table.Cell className="text-right">
                    <Input
                      size="small"
                      className="ml-auto w-[100px] text-right"
                      inputMode="decimal"
                      aria-label={`Write off on ${item.number}`}
                      value={amounts[item.id]?.write_off ?? ""}
                      onChange={(event) => set(item.id, "write_off", event.target.value)}
                    />
                  </Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
        </div>
      )}
      <div className="flex items-center justify-between gap-x-4">
        <Text size="small" className={rest < 0 ? "text-ui-fg-error" : "text-ui-fg-subtle"}>
          Allocated {formatAmount(allocated / 100, transaction.currency_code)} of {formatAmount(total / 100, transaction.currency_code)}
          {rest > 0 && ` · the rest of ${formatAmount(rest / 100, transaction.currency_code)} is credited to the customer`}
          {rest < 0 && " · more than the payment"}
        </Text>
        <div className="flex gap-x-2">
          <Button size="small" variant="secondary" type="button" onClick={onClose} disabled={isPending}>
            Close
          </Button>
          <Button size="small" type="submit" disabled={!allocations.length || rest < 0} isLoading={isPending}>
            Book split
          </Button>
        </div>
      </div>
    </form>
  )
}

const CreditForm = ({
  transaction,
  isPending,
  onSubmit,
  onClose,
}: ActionFormProps) => {
  const [customerId, setCustomerId] = useState(transaction.customer_id ?? transaction.suggestions?.[0]?.customer_id ?? "")
  const [note, setNote] = useState("")
  return (
    <form
      className="flex flex-wrap items-end gap-3"
      onSubmit={(event) => {
        event.preventDefault()
        onSubmit({ customer_id: customerId || null, note: note.trim() || null })
      }}
    >
      <div className="flex flex-col gap-y-1">
        <Label size="small" htmlFor={`credit-customer-${transaction.id}`}>
          Customer
        </Label>
        <CustomerSelect
          id={`credit-customer-${transaction.id}`}
          value={customerId}
          allLabel={null}
          placeholder="Choose the customer"
          className="w-[280px]"
          onChange={setCustomerId}
        />
      </div>
      <div className="flex min-w-[240px] flex-1 flex-col gap-y-1">
        <Label size="small" htmlFor={`credit-note-${transaction.id}`}>
          Note (optional)
        </Label>
        <Input id={`credit-note-${transaction.id}`} size="small" maxLength={500} value={note} onChange={(event) => setNote(event.target.value)} />
      </div>
      <Button size="small" variant="secondary" type="button" onClick={onClose} disabled={isPending}>
        Close
      </Button>
      <Button size="small" type="submit" disabled={!customerId} isLoading={isPending}>
        Credit {formatAmount(transaction.amount, transaction.currency_code)}
      </Button>
    </form>
  )
}

const Bookings = ({ bookings, currency }: { bookings: BankBooking[]; currency: string }) => (
  <div className="flex flex-col gap-y-2">
    {[...bookings]
      .sort((a, b) => a.seq - b.seq)
      .map((booking) => (
        <div key={booking.id} className="overflow-hidden rounded-md border">
          <div className="bg-ui-bg-subtle flex flex-wrap items-center gap-x-3 px-4 py-2">
            <Text size="small" weight="plus">
              Booking {booking.seq + 1}
            </Text>
            <Badge size="2xsmall">{booking.kind}</Badge>
            <Text size="small" className="text-ui-fg-subtle">
              posted {formatDateTime(booking.posted_at)}
            </Text>
            {booking.reversed_at && (
              <Text size="small" className="text-ui-fg-error">
                reversed {formatDateTime(booking.reversed_at)}
                {booking.reversal_reason ? ` – ${booking.reversal_reason}` : ""}
              </Text>
            )}
          </div>
          <Table>
            <TableHead columns={["Kind", "Invoice", { label: "Amount", className: "text-right" }, { label: "Written off", className: "text-right" }, "Reversed"]} />
            <Table.Body>
              {[...(booking.allocations ?? [])]
                .sort((a, b) => a.position - b.position)
                .map((allocation) => (
                  <Table.Row key={allocation.id}>
                    <Table.Cell>{allocation.kind}</Table.Cell>
                    <Table.Cell>
                      {allocation.invoice_id ? (
                        <Link to={`/billing/invoices/${allocation.invoice_id}`} className={linkClass}>
                          {allocation.invoice_number ?? allocation.invoice_id}
                        </Link>
                      ) : (
                        "–"
                      )}
                    </Table.Cell>
                    <Table.Cell className="text-right">{formatAmount(allocation.amount, currency)}</Table.Cell>
                    <Table.Cell className="text-right">{formatAmount(allocation.write_off_amount, currency)}</Table.Cell>
                    <Table.Cell>{allocation.reversed_at ? formatDateTime(allocation.reversed_at) : "–"}</Table.Cell>
                  </Table.Row>
                ))}
            </Table.Body>
          </Table>
        </div>
      ))}
  </div>
)

/**
 * One bank transaction opened in the queue: what the statement says, the matching's ranked suggestions with their
 * reasons, the bookings made, and the admin's decisions: book a suggestion, split across invoices, credit, ignore, unmatch.
 */
export const BankTransactionReview = ({ transaction: listed }: { transaction: BankTransaction }) => {
  const [mode, setMode] = useState<"split" | "credit" | "ignore" | "unmatch" | null>(null)
  const { data } = useQuery({
    queryKey: ["billing-bank-transaction", listed.id],
    queryFn: () => sdk.client.fetch<BankTransactionResponse>(`/admin/billing/bank/transactions/${listed.id}`),
  })
  const transaction = data?.bank_transaction ?? listed
  const action = useBankAction(transaction)
  const customerName = useCustomerLabels(transaction.customer_id ? [transaction.customer_id] : [])

  const undecided = ["new", "review", "unmatched"].includes(transaction.status)
  const payment = transaction.kind === "payment" && transaction.direction === "credit"
  const run = (name: Action, body: Record<string, unknown>) =>
    action.mutate({ action: name, body }, { onSuccess: () => setMode(null) })

  return (
    <div className="flex flex-col gap-y-4 px-6 py-4">
      <div className="grid grid-cols-2 gap-4 md:grid-cols-4">
        <Field label="Counterparty">{transaction.counterparty_name ?? "–"}</Field>
        <Field label="Counterparty account">
          {formatIban(transaction.counterparty_iban)}
          {transaction.counterparty_bic ? ` · ${transaction.counterparty_bic}` : ""}
        </Field>
        <Field label="Booked / value date">
          {formatDate(transaction.booking_date)} / {formatDate(transaction.value_date)}
        </Field>
        <Field label="Customer (by the evidence)">
          {transaction.customer_id ? <CustomerLink id={transaction.customer_id} label={customerName(transaction.customer_id)} /> : "–"}
        </Field>
        <div className="col-span-2">
          <Field label="Remittance text">{transaction.remittance_text || "–"}</Field>
        </div>
        {transaction.end_to_end_id && <Field label="End-to-end id">{transaction.end_to_end_id}</Field>}
        {transaction.mandate_id && <Field label="Mandate">{transaction.mandate_id}</Field>}
        {transaction.return_reason && <Field label="Return reason">{transaction.return_reason}</Field>}
        {transaction.fee_amount != null && Number(transaction.fee_amount) > 0 && (
          <Field label="Bank fee">{formatAmount(transaction.fee_amount, transaction.currency_code)}</Field>
        )}
      </div>
      {transaction.note && (
        <Alert variant="info">
          <Text size="small">{transaction.note}</Text>
        </Alert>
      )}
      {action.isError && (
        <Alert variant="error" dismissible>
          {action.error.message}
        </Alert>
      )}
      {payment && (
        <div className="flex flex-col gap-y-2">
          <Text size="small" weight="plus">
            Suggestions
          </Text>
          <Suggestions
            transaction={transaction}
            canBook={undecided}
            isPending={action.isPending}
            onBook={(index) => run("confirm", { suggestion_index: index })}
          />
        </div>
      )}
      {!!transaction.bookings?.length && (
        <div className="flex flex-col gap-y-2">
          <Text size="small" weight="plus">
            Bookings
          </Text>
          <Bookings bookings={transaction.bookings} currency={transaction.currency_code} />
        </div>
      )}
      {mode === "split" && (
        <SplitForm transaction={transaction} isPending={action.isPending} onSubmit={(body) => run("confirm", body)} onClose={() => setMode(null)} />
      )}
      {mode === "credit" && (
        <CreditForm transaction={transaction} isPending={action.isPending} onSubmit={(body) => run("book-credit", body)} onClose={() => setMode(null)} />
      )}
      {!mode && (
        <div className="flex justify-end gap-x-2">
          {undecided && payment && (
            <>
              <Button size="small" variant="secondary" onClick={() => setMode("split")}>
                Split across invoices
              </Button>
              <Button size="small" variant="secondary" onClick={() => setMode("credit")}>
                Book as credit
              </Button>
            </>
          )}
          {undecided && (
            <Button size="small" variant="secondary" onClick={() => setMode("ignore")}>
              Ignore
            </Button>
          )}
          {(transaction.status === "booked" || transaction.status === "ignored") && (
            <Button size="small" variant="danger" onClick={() => setMode("unmatch")}>
              Unmatch
            </Button>
          )}
        </div>
      )}
      <ReasonPrompt
        open={mode === "ignore"}
        title="Ignore this transaction?"
        description="It leaves the queue without a booking (e.g. a transfer between your own accounts). Unmatch brings it back."
        confirmText="Ignore"
        isPending={action.isPending}
        onConfirm={(reason) => run("ignore", { reason })}
        onClose={() => setMode(null)}
      />
      <ReasonPrompt
        open={mode === "unmatch"}
        title="Reverse this booking?"
        description="The booking is reversed in the ledger today, so its invoices are open again, and the transaction goes back into the queue."
        confirmText="Unmatch"
        isPending={action.isPending}
        onConfirm={(reason) => run("unmatch", { reason })}
        onClose={() => setMode(null)}
      />
    </div>
  )
}
