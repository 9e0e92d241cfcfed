import { defineRouteConfig } from "@medusajs/admin-sdk"
import { TriangleDownMini, TriangleRightMini } from "@medusajs/icons"
import { Badge, Button, Container, StatusBadge, Table, toast } from "@medusajs/ui"
import { useMutation, useQueryClient } from "@tanstack/react-query"
import { Fragment, useState } from "react"
import { BankAccounts } from "../../../components/bank-accounts"
import { BankStatementImport, BankStatements, matchingSummary } from "../../../components/bank-statement-import"
import { BankTransactionReview, signedAmount } from "../../../components/bank-transaction-review"
import { CustomerLink, useCustomerLabels } from "../../../components/customer-link"
import { PagedListState, TableHead } from "../../../components/list-state"
import { SectionHeader } from "../../../components/section-header"
import { StatusFilter } from "../../../components/status-filter"
import { BANK_TRANSACTION_STATUS_COLOR, BANK_TRANSACTION_STATUSES, capitalize, formatConfidence, formatDate } from "../../../lib/format"
import { sdk } from "../../../lib/sdk"
import type { BankTransaction, BankTransactionListResponse, BankTransactionStatus, MatchResponse } from "../../../lib/types"
import { usePagedList } from "../../../lib/use-paged-list"

const PAGE_SIZE = 20
const COLUMNS = 8

const TransactionRow = ({ transaction, customerName }: { transaction: BankTransaction; customerName: (id: string) => string }) => {
  const [open, setOpen] = useState(false)
  return (
    <Fragment>
      <Table.Row className="cursor-pointer [&_td]:align-top [&_td]:py-2" onClick={() => setOpen((value) => !value)}>
        <Table.Cell>
          <span className="inline-flex items-center gap-x-1">
            {open ? <TriangleDownMini /> : <TriangleRightMini />}
            {formatDate(transaction.booking_date)}
          </span>
        </Table.Cell>
        <Table.Cell className={`text-right ${transaction.direction === "debit" ? "text-ui-fg-error" : ""}`}>
          {signedAmount(transaction)}
        </Table.Cell>
        <Table.Cell className="max-w-[220px] whitespace-normal">{transaction.counterparty_name ?? "–"}</Table.Cell>
        <Table.Cell className="max-w-[360px] whitespace-normal break-words">
          <span className="line-clamp-2">{transaction.remittance_text || "–"}</span>
        </Table.Cell>
        <Table.Cell>
          <Badge size="2xsmall">{capitalize(transaction.kind)}</Badge>
        </Table.Cell>
        <Table.Cell>
          <StatusBadge color={BANK_TRANSACTION_STATUS_COLOR[transaction.status] ?? "grey"}>{capitalize(transaction.status)}</StatusBadge>
        </Table.Cell>
        <Table.Cell className="text-right">{formatConfidence(transaction.confidence)}</Table.Cell>
        <Table.Cell>
          {transaction.customer_id ? <CustomerLink id={transaction.customer_id} label={customerName(transaction.customer_id)} /> : "–"}
        </Table.Cell>
      </Table.Row>
      {open && (
        <Table.Row className="bg-ui-bg-subtle hover:bg-ui-bg-subtle">
          <td colSpan={COLUMNS}>
            <BankTransactionReview transaction={transaction} />
          </td>
        </Table.Row>
      )}
    </Fragment>
  )
}

const Transactions = () => {
  const queryClient = useQueryClient()
  const [status, setStatus] = useState<BankTransactionStatus | "all">("review")
  const { data, setPageIndex, pagination, ...query } = usePagedList<BankTransactionListResponse>(
    "billing-bank-transactions",
    "/admin/billing/bank/transactions",
    { pageSize: PAGE_SIZE, filters: { status }, query: { order: "-booking_date" } }
  )
  const customerName = useCustomerLabels((data?.bank_transactions ?? []).flatMap((transaction) => (transaction.customer_id ? [transaction.customer_id] : [])))

  const match = useMutation({
    mutationFn: () =>
      sdk.client.fetch<MatchResponse>("/admin/billing/bank/match", { method: "POST", body: { include_review: true } }),
    onSuccess: ({ matching }) => {
      for (const key of ["billing-bank-transactions", "billing-bank-transaction", "billing-customer-ledger", "billing-customer-open-items"]) {
        queryClient.invalidateQueries({ queryKey: [key] })
      }
      toast.success("Matching finished", { description: `${matchingSummary(matching)}.` })
    },
    onError: (err: Error) => toast.error(err.message),
  })

  return (
    <Container className="divide-y p-0">
      <SectionHeader level="h1" title="Bank transactions" description="The review queue: open a transaction to see the ranked suggestions with their reasons and decide.">
        <div className="flex items-center gap-x-2">
          <Button size="small" variant="secondary" onClick={() => match.mutate()} isLoading={match.isPending}>
            Match again
          </Button>
          <StatusFilter
            value={status}
            options={BANK_TRANSACTION_STATUSES}
            onChange={(value) => {
              setStatus(value)
              setPageIndex(0)
            }}
          />
        </div>
      </SectionHeader>
      <PagedListState
        query={query}
        items={data?.bank_transactions}
        loadingText="Loading transactions…"
        emptyText={status === "review" ? "Nothing to review." : "No transactions."}
        pagination={pagination}
      >
        {(transactions) => (
          <Table>
            <TableHead
              columns={[
                "Date",
                { label: "Amount", className: "text-right" },
                "Counterparty",
                "Remittance text",
                "Kind",
                "Status",
                { label: "Confidence", className: "text-right" },
                "Customer",
              ]}
            />
            <Table.Body>
              {transactions.map((transaction) => (
                <TransactionRow key={transaction.id} transaction={transaction} customerName={customerName} />
              ))}
            </Table.Body>
          </Table>
        )}
      </PagedListState>
    </Container>
  )
}

const BankPage = () => (
  <div className="flex flex-col gap-y-3">
    <Transactions />
    <BankStatementImport />
    <BankStatements />
    <BankAccounts />
  </div>
)

/** Nested under "Billing" in the sidebar, as its path is below /billing. */
export const config = defineRouteConfig({
  label: "Bank",
  rank: 7,
})

export default BankPage
