import { defineWidgetConfig } from "@medusajs/admin-sdk"
import type { AdminCustomer, DetailWidgetProps } from "@medusajs/framework/types"
import { Badge, Button, Container, Input, Label, Select, Table, Text, toast } from "@medusajs/ui"
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import { type FormEvent, useState } from "react"
import { Link } from "react-router-dom"
import { ListState, TableHead } from "../components/list-state"
import { SectionHeader } from "../components/section-header"
import { capitalize, formatAmount, formatDate, invoiceLabel, todayIso } from "../lib/format"
import { sdk } from "../lib/sdk"
import type { LedgerBookingResponse, LedgerResponse, OpenItemsResponse } from "../lib/types"

const CURRENCY = "eur"
const linkClass = "text-ui-fg-interactive hover:text-ui-fg-interactive-hover"

type Direction = "credit" | "debit"
type CounterAccount = "default" | "bank" | "manual" | "write_off" | "fees"

const COUNTER_ACCOUNT_LABEL: Record<CounterAccount, string> = {
  default: "Default (bank for credits, manual for debits)",
  bank: "Bank",
  manual: "Manual",
  write_off: "Write-off",
  fees: "Fees",
}

const newIdempotencyKey = () =>
  typeof crypto !== "undefined" && "randomUUID" in crypto ? crypto.randomUUID() : `${Date.now()}-${Math.random().toString(36).slice(2)}`

/** Positive balances are owed by the customer, negative ones are the customer's credit. */
const BalanceText = ({ balance }: { balance: string }) => {
  const value = Number(balance)
  if (!value) {
    return <Text size="small">Settled ({formatAmount(0, CURRENCY)})</Text>
  }
  return value > 0 ? (
    <Text size="small" weight="plus" className="text-ui-fg-error">
      Owes {formatAmount(value, CURRENCY)}
    </Text>
  ) : (
    <Text size="small" weight="plus" className="text-ui-fg-interactive">
      Credit {formatAmount(-value, CURRENCY)}
    </Text>
  )
}

const Statement = ({ customerId }: { customerId: string }) => {
  const query = useQuery({
    queryKey: ["billing-customer-ledger", customerId, CURRENCY],
    queryFn: () =>
      sdk.client.fetch<LedgerResponse>(`/admin/billing/customers/${customerId}/ledger`, {
        query: { currency_code: CURRENCY },
      }),
  })
  const { data } = query

  return (
    <>
      <div className="flex items-center justify-between gap-x-4 px-6 py-4">
        <Text size="small" weight="plus">
          Statement ({CURRENCY.toUpperCase()})
        </Text>
        {data && <BalanceText balance={data.balance} />}
      </div>
      <ListState query={query} items={data?.entries} loadingText="Loading account…" emptyText="No bookings yet.">
        {(entries) => (
          <Table>
            <TableHead
              columns={[
                "Date",
                "Description",
                { label: "Amount", className: "text-right" },
                { label: "Balance", className: "text-right" },
              ]}
            />
            <Table.Body>
              {entries.map((entry) => (
                <Table.Row key={entry.entry_id}>
                  <Table.Cell>{formatDate(entry.booking_date)}</Table.Cell>
                  <Table.Cell>
                    <Badge size="2xsmall" className="mr-2">
                      {capitalize(entry.kind)}
                    </Badge>
                    {entry.invoice_id ? (
                      <Link to={`/billing/invoices/${entry.invoice_id}`} className={linkClass}>
                        {entry.description}
                      </Link>
                    ) : (
                      entry.description
                    )}
                  </Table.Cell>
                  <Table.Cell className="text-right">{formatAmount(entry.amount, CURRENCY)}</Table.Cell>
                  <Table.Cell className="text-right">{formatAmount(entry.balance, CURRENCY)}</Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
        )}
      </ListState>
    </>
  )
}

const OpenItems = ({ customerId }: { customerId: string }) => {
  const query = useQuery({
    queryKey: ["billing-customer-open-items", customerId],
    queryFn: () => sdk.client.fetch<OpenItemsResponse>(`/admin/billing/customers/${customerId}/open-items`),
  })
  const { data } = query
  const today = todayIso()

  return (
    <>
      <div className="px-6 py-4">
        <Text size="small" weight="plus">
          Open items
        </Text>
      </div>
      <ListState query={query} items={data?.open_items} loadingText="Loading open items…" emptyText="No open items.">
        {(openItems) => (
          <Table>
            <TableHead
              columns={[
                "Invoice",
                "Issued",
                "Due",
                { label: "Gross total", className: "text-right" },
                { label: "Open", className: "text-right" },
              ]}
            />
            <Table.Body>
              {openItems.map((item) => {
                const overdue = !!item.due_date && item.due_date < today && Number(item.open_amount) > 0
                return (
                  <Table.Row key={item.id}>
                    <Table.Cell>
                      <Link to={`/billing/invoices/${item.id}`} className={`txt-compact-small-plus ${linkClass}`}>
                        {invoiceLabel(item)}
                      </Link>
                    </Table.Cell>
                    <Table.Cell>{formatDate(item.issue_date)}</Table.Cell>
                    <Table.Cell>
                      {formatDate(item.due_date)}
                      {overdue && (
                        <Badge size="2xsmall" color="red" className="ml-2">
                          Overdue
                        </Badge>
                      )}
                    </Table.Cell>
                    <Table.Cell className="text-right">{formatAmount(item.gross_total, item.currency_code)}</Table.Cell>
                    <Table.Cell className="text-right">{formatAmount(item.open_amount, item.currency_code)}</Table.Cell>
                  </Table.Row>
                )
              })}
            </Table.Body>
          </Table>
        )}
      </ListState>
    </>
  )
}

/** A booking on the customer account, e.g. a bank payment that matches no invoice (credit) or a fee (debit). */
const ManualBookingForm = ({ customerId, onDone }: { customerId: string; onDone: () => void }) => {
  const queryClient = useQueryClient()
  const [amount, setAmount] = useState("")
  const [direction, setDirection] = useState<Direction>("credit")
  const [counterAccount, setCounterAccount] = useState<CounterAccount>("default")
  const [reason, setReason] = useState("")
  const [reference, setReference] = useState("")
  // One key per booking: a retry after a lost answer cannot book twice.
  const [idempotencyKey, setIdempotencyKey] = useState(newIdempotencyKey)

  const book = useMutation({
    mutationFn: () =>
      sdk.client.fetch<LedgerBookingResponse>(`/admin/billing/customers/${customerId}/ledger/bookings`, {
        method: "POST",
        headers: { "idempotency-key": idempotencyKey },
        body: {
          amount: amount.trim().replace(",", "."),
          currency_code: CURRENCY,
          direction,
          ...(counterAccount === "default" ? {} : { counter_account: counterAccount }),
          reason: reason.trim(),
          reference: reference.trim() || null,
        },
      }),
    onSuccess: () => {
      queryClient.invalidateQueries({ queryKey: ["billing-customer-ledger", customerId] })
      queryClient.invalidateQueries({ queryKey: ["billing-customer-open-items", customerId] })
      toast.success("Booking recorded", {
        description: `${direction === "credit" ? "Credited" : "Debited"} ${formatAmount(amount.replace(",", "."), CURRENCY)}.`,
      })
      setAmount("")
      setReason("")
      setReference("")
      setIdempotencyKey(newIdempotencyKey())
      onDone()
    },
    onError: (err: Error) => toast.error(err.message),
  })

  const valid = /^\d+([.,]\d{1,4})?$/.test(amount.trim()) && Number(amount.replace(",", ".")) > 0 && reason.trim().length > 0

  const onSubmit = (event: FormEvent) => {
    event.preventDefault()
    if (valid) {
      book.mutate()
    }
  }

  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-y-4 px-6 py-4">
      <Text size="small" weight="plus">
        Manual booking
      </Text>
      <div className="grid grid-cols-1 gap-4 md:grid-cols-2">
        <div className="flex flex-col gap-y-1">
          <Label size="small" htmlFor="booking-amount">
            Amount ({CURRENCY.toUpperCase()})
          </Label>
          <Input
            id="booking-amount"
            size="small"
            inputMode="decimal"
            placeholder="19.90"
            value={amount}
            onChange={(event) => setAmount(event.target.value)}
          />
        </div>
        <div className="flex flex-col gap-y-1">
          <Label size="small" htmlFor="booking-direction">
            Direction
          </Label>
          <Select size="small" value={direction} onValueChange={(value) => setDirection(value as Direction)}>
            <Select.Trigger id="booking-direction">
              <Select.Value />
            </Select.Trigger>
            <Select.Content>
              <Select.Item value="credit">Credit – payment received / credit to the customer</Select.Item>
              <Select.Item value="debit">Debit – charge the customer</Select.Item>
            </Select.Content>
          </Select>
        </div>
        <div className="flex flex-col gap-y-1">
          <Label size="small" htmlFor="booking-reason">
            Reason
          </Label>
          <Input
            id="booking-reason"
            size="small"
            maxLength={500}
            placeholder="Bank transfer without invoice reference"
            value={reason}
            onChange={(event) => setReason(event.target.value)}
          />
        </div>
        <div className="flex flex-col gap-y-1">
          <Label size="small" htmlFor="booking-reference">
            Reference (optional)
          </Label>
          <Input
            id="booking-reference"
            size="small"
            maxLength={200}
            placeholder="Bank statement line"
            value={reference}
            onChange={(event) => setReference(event.target.value)}
          />
        </div>
        <div className="flex flex-col gap-y-1">
          <Label size="small" htmlFor="booking-counter-account">
            Counter account
          </Label>
          <Select size="small" value={counterAccount} onValueChange={(value) => setCounterAccount(value as CounterAccount)}>
            <Select.Trigger id="booking-counter-account">
              <Select.Value />
            </Select.Trigger>
            <Select.Content>
              {(Object.keys(COUNTER_ACCOUNT_LABEL) as CounterAccount[]).map((value) => (
                <Select.Item key={value} value={value}>
                  {COUNTER_ACCOUNT_LABEL[value]}
                </Select.Item>
              ))}
            </Select.Content>
          </Select>
        </div>
      </div>
      <div className="flex justify-end gap-x-2">
        <Button size="small" variant="secondary" type="button" onClick={onDone} disabled={book.isPending}>
          Close
        </Button>
        <Button size="small" type="submit" disabled={!valid} isLoading={book.isPending}>
          Book
        </Button>
      </div>
    </form>
  )
}

const CustomerAccountWidget = ({ data: customer }: DetailWidgetProps<AdminCustomer>) => {
  const [bookingOpen, setBookingOpen] = useState(false)

  return (
    <Container className="divide-y p-0">
      <SectionHeader title="Customer account" description="Invoices, payments and credits booked for this customer.">
        {!bookingOpen && (
          <Button size="small" variant="secondary" onClick={() => setBookingOpen(true)}>
            Manual booking
          </Button>
        )}
      </SectionHeader>
      {bookingOpen && <ManualBookingForm customerId={customer.id} onDone={() => setBookingOpen(false)} />}
      <Statement customerId={customer.id} />
      <OpenItems customerId={customer.id} />
    </Container>
  )
}

export const config = defineWidgetConfig({
  zone: "customer.details.after",
})

export default CustomerAccountWidget
