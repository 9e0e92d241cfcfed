import { defineRouteConfig } from "@medusajs/admin-sdk"
import { Alert, Badge, Container, Heading, Select, Table, Text, toast } from "@medusajs/ui"
import { useQueryClient } from "@tanstack/react-query"
import { useState } from "react"
import { Link, useSearchParams } from "react-router-dom"
import { AsOfRunControl } from "../../../components/as-of-run-control"
import { CustomerSelect, CustomerLink, useCustomerLabels } from "../../../components/customer-link"
import { DunningNoticesTable } from "../../../components/dunning-notices-table"
import { Note, PagedListState, TableHead } from "../../../components/list-state"
import { DUNNING_SKIP_REASON_LABEL, formatAmount, formatDate, plural } from "../../../lib/format"
import type { DunningNoticeListResponse, DunningRunResponse, DunningRunResult } from "../../../lib/types"
import { usePagedList } from "../../../lib/use-paged-list"

const PAGE_SIZE = 20
/** The default levels; a shop with more configured levels filters them through `?level=`. */
const LEVELS = ["1", "2", "3"]
const linkClass = "text-ui-fg-interactive hover:text-ui-fg-interactive-hover"

const Figure = ({ label, value, error = false }: { label: string; value: number; error?: boolean }) => (
  <Text size="small">
    {label}: <span className={`txt-compact-small-plus ${error && value ? "text-ui-fg-error" : ""}`}>{value}</span>
  </Text>
)

/** What a run sent (or, dry, would send) and which overdue invoices it skipped and why. */
const RunResult = ({ result }: { result: DunningRunResult }) => {
  const customerName = useCustomerLabels([...result.notices, ...result.skipped].map((row) => row.customer_id))
  const problems = [
    ...result.mail_failed.map((failure) => `Mail of notice ${failure.notice_id} failed: ${failure.error ?? "unknown error"}`),
    ...result.errors.map((error) => `Notice ${error.notice_id}: ${error.message}`),
  ]

  return (
    <>
      <div className="flex flex-wrap items-center gap-x-6 gap-y-1 px-6 py-4">
        <Badge size="2xsmall" color={result.dry_run ? "blue" : "green"}>
          {result.dry_run ? `Preview for ${result.as_of} – nothing sent` : `Run of ${result.as_of}`}
        </Badge>
        <Figure label={result.dry_run ? "Notices to send" : "Notices sent"} value={result.notices.length} />
        <Figure label="Skipped" value={result.skipped.length} />
        {!result.dry_run && <Figure label="Delivered" value={result.delivered} />}
        {!result.dry_run && <Figure label="Mail failures" value={result.mail_failed.length} error />}
        {!result.dry_run && <Figure label="Errors" value={result.errors.length} error />}
      </div>
      {problems.length > 0 && (
        <div className="px-6 py-4">
          <Alert variant="warning">
            <Text size="small" weight="plus">
              Not delivered yet – the next run retries:
            </Text>
            <ul className="txt-compact-small list-disc pl-5">
              {problems.map((problem) => (
                <li key={problem}>{problem}</li>
              ))}
            </ul>
          </Alert>
        </div>
      )}
      {!result.notices.length ? (
        <Note>{result.dry_run ? `No invoice is due for a reminder on ${result.as_of}.` : "No new notices."}</Note>
      ) : (
        <Table>
          <TableHead
            columns={[
              "Invoice",
              "Customer",
              "Due date",
              "Level",
              { label: "Open", className: "text-right" },
              { label: "Fee", className: "text-right" },
              { label: "Total", className: "text-right" },
              "Pay by",
            ]}
          />
          <Table.Body>
            {result.notices.map((notice) => (
              <Table.Row key={`${notice.invoice_id}-${notice.level}`}>
                <Table.Cell>
                  <Link to={`/billing/invoices/${notice.invoice_id}`} className={`txt-compact-small-plus ${linkClass}`}>
                    {notice.invoice_number}
                  </Link>
                </Table.Cell>
                <Table.Cell>
                  <CustomerLink id={notice.customer_id} label={customerName(notice.customer_id)} />
                </Table.Cell>
                <Table.Cell>{formatDate(notice.invoice_due_date)}</Table.Cell>
                <Table.Cell>
                  <Badge size="2xsmall" color={notice.level > 1 ? "orange" : "grey"}>
                    {notice.level} · {notice.title}
                  </Badge>
                </Table.Cell>
                <Table.Cell className="text-right">{formatAmount(notice.open_amount, notice.currency_code)}</Table.Cell>
                <Table.Cell className="text-right">{formatAmount(notice.fee, notice.currency_code)}</Table.Cell>
                <Table.Cell className="text-right">{formatAmount(notice.total, notice.currency_code)}</Table.Cell>
                <Table.Cell>{formatDate(notice.payment_deadline)}</Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      )}
      {result.skipped.length > 0 && (
        <>
          <div className="px-6 py-4">
            <Text size="small" weight="plus">
              Skipped overdue invoices
            </Text>
          </div>
          <Table>
            <TableHead columns={["Invoice", "Customer", "Level due", "Reason"]} />
            <Table.Body>
              {result.skipped.map((skip) => (
                <Table.Row key={skip.invoice_id}>
                  <Table.Cell>
                    <Link to={`/billing/invoices/${skip.invoice_id}`} className={`txt-compact-small-plus ${linkClass}`}>
                      {skip.invoice_number ?? skip.invoice_id}
                    </Link>
                  </Table.Cell>
                  <Table.Cell>
                    <CustomerLink id={skip.customer_id} label={customerName(skip.customer_id)} />
                  </Table.Cell>
                  <Table.Cell>{skip.level}</Table.Cell>
                  <Table.Cell>{DUNNING_SKIP_REASON_LABEL[skip.reason] ?? skip.reason}</Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
        </>
      )}
    </>
  )
}

const RunDunning = () => {
  const queryClient = useQueryClient()
  const [result, setResult] = useState<DunningRunResult | null>(null)

  const onRan = ({ run }: DunningRunResponse) => {
    setResult(run)
    queryClient.invalidateQueries({ queryKey: ["billing-dunning-notices"] })
    queryClient.invalidateQueries({ queryKey: ["billing-customer-ledger"] })
    queryClient.invalidateQueries({ queryKey: ["billing-customer-open-items"] })
    queryClient.invalidateQueries({ queryKey: ["billing-mail-log"] })
    const summary = `${plural(run.notices.length, "notice")} sent, ${plural(run.skipped.length, "invoice")} skipped`
    if (run.mail_failed.length || run.errors.length) {
      toast.warning("Dunning run finished with problems", {
        description: `${summary}, ${plural(run.mail_failed.length + run.errors.length, "notice")} not delivered.`,
      })
    } else {
      toast.success("Dunning run finished", { description: `${summary}.` })
    }
  }

  return (
    <AsOfRunControl<DunningRunResponse>
      title="Run dunning"
      description="Preview which reminders a run would send (nothing is written), or run it now instead of waiting for the schedule."
      inputId="dunning-as-of"
      path="/admin/billing/dunning/runs"
      runLabel="Run dunning now"
      confirm={(asOf) => ({
        title: "Run dunning now?",
        description: `Every overdue invoice due for a reminder on ${asOf} gets its notice: the fee is booked on the customer account and the letter is mailed. Notices cannot be taken back.`,
        confirmText: "Send reminders",
      })}
      onPreviewed={({ run }) => setResult(run)}
      onRan={onRan}
    >
      {result && <RunResult result={result} />}
    </AsOfRunControl>
  )
}

const DunningPage = () => {
  const [searchParams] = useSearchParams()
  const [level, setLevel] = useState(searchParams.get("level") ?? "all")
  const [customerId, setCustomerId] = useState(searchParams.get("customer_id") ?? "all")
  const { data, setPageIndex, pagination, ...query } = usePagedList<DunningNoticeListResponse>(
    "billing-dunning-notices",
    "/admin/billing/dunning/notices",
    { pageSize: PAGE_SIZE, filters: { level, customer_id: customerId } }
  )
  const levels = LEVELS.includes(level) || level === "all" ? LEVELS : [...LEVELS, level]

  return (
    <div className="flex flex-col gap-y-3">
      <RunDunning />
      <Container className="divide-y p-0">
        <div className="flex flex-wrap items-center justify-between gap-4 px-6 py-4">
          <div>
            <Heading level="h1">Dunning notices</Heading>
            <Text size="small" className="text-ui-fg-subtle">
              Reminders sent for overdue invoices, newest first, with their fee and letter.
            </Text>
          </div>
          <div className="flex items-center gap-x-2">
            <CustomerSelect
              value={customerId}
              onChange={(value) => {
                setCustomerId(value)
                setPageIndex(0)
              }}
            />
            <div className="w-[140px]">
              <Select
                size="small"
                value={level}
                onValueChange={(value) => {
                  setLevel(value)
                  setPageIndex(0)
                }}
              >
                <Select.Trigger>
                  <Select.Value placeholder="Level" />
                </Select.Trigger>
                <Select.Content>
                  <Select.Item value="all">All levels</Select.Item>
                  {levels.map((value) => (
                    <Select.Item key={value} value={value}>
                      Level {value}
                    </Select.Item>
                  ))}
                </Select.Content>
              </Select>
            </div>
          </div>
        </div>
        <PagedListState query={query} items={data?.notices} loadingText="Loading dunning notices…" pagination={pagination}>
          {(notices) => (
            <DunningNoticesTable notices={notices} />
          )}
        </PagedListState>
      </Container>
    </div>
  )
}

/** Nested under "Billing" in the sidebar, as its path is below /billing. */
export const config = defineRouteConfig({
  label: "Dunning",
  rank: 5,
})

export default DunningPage
