import { defineRouteConfig } from "@medusajs/admin-sdk"
import { TriangleDownMini, TriangleRightMini } from "@medusajs/icons"
import { Alert, Badge, Container, Heading, StatusBadge, Table, Text, toast } from "@medusajs/ui"
import { useQueryClient } from "@tanstack/react-query"
import { Fragment, useState } from "react"
import { Link } from "react-router-dom"
import { AsOfRunControl } from "../../../components/as-of-run-control"
import { PagedListState, TableHead } from "../../../components/list-state"
import {
  capitalize,
  formatAmount,
  formatDate,
  formatDateTime,
  formatQuantity,
  formatRate,
  RUN_STATUS_COLOR,
} from "../../../lib/format"
import type { BillingRun, BillingRunListResponse, BillingRunResult, ContractError, InvoicePreview, StartBillingRunResponse } from "../../../lib/types"
import { usePagedList } from "../../../lib/use-paged-list"

const PAGE_SIZE = 20
const linkClass = "text-ui-fg-interactive hover:text-ui-fg-interactive-hover"

const ContractErrors = ({ errors }: { errors: ContractError[] }) => (
  <ul className="txt-compact-small flex flex-col gap-y-1">
    {errors.map((err, index) => (
      <li key={`${err.contract_id}-${index}`}>
        <Link to={`/billing/contracts/${err.contract_id}`} className={`txt-compact-small-plus ${linkClass}`}>
          {err.contract_number || err.contract_id}
        </Link>
        <span className="text-ui-fg-subtle">: {err.message}</span>
      </li>
    ))}
  </ul>
)

const PreviewLines = ({ preview }: { preview: InvoicePreview }) => (
  <table className="txt-compact-small">
    <tbody>
      {preview.lines.map((line, index) => (
        <tr key={index}>
          <td className="pr-3">{line.description}</td>
          <td className="text-ui-fg-subtle pr-3 whitespace-nowrap">
            {formatDate(line.service_from)} – {formatDate(line.service_to)}
          </td>
          <td className="text-ui-fg-subtle pr-3 text-right whitespace-nowrap">
            {formatQuantity(line.quantity)} × {formatAmount(line.unit_price, preview.currency_code)}
          </td>
          <td className="text-ui-fg-subtle pr-3 text-right">{formatRate(line.tax_rate)}</td>
          <td className="text-right whitespace-nowrap">{formatAmount(line.net_amount, preview.currency_code)}</td>
        </tr>
      ))}
    </tbody>
  </table>
)

/** What a dry run found: one invoice per contract, nothing written. */
const PreviewResult = ({ result, asOf }: { result: BillingRunResult; asOf: string }) => (
  <>
    <div className="flex flex-wrap gap-x-6 gap-y-1 px-6 py-4">
      <Text size="small">
        Contracts processed: <span className="txt-compact-small-plus">{result.contracts_processed}</span>
      </Text>
      <Text size="small">
        Invoices: <span className="txt-compact-small-plus">{result.invoice_previews.length}</span>
      </Text>
      <Text size="small">
        Errors: <span className="txt-compact-small-plus">{result.errors.length}</span>
      </Text>
    </div>
    {result.errors.length > 0 && (
      <div className="px-6 py-4">
        <Alert variant="warning">
          <Text size="small" weight="plus">
            These contracts would be skipped:
          </Text>
          <ContractErrors errors={result.errors} />
        </Alert>
      </div>
    )}
    {!result.invoice_previews.length ? (
      <Text size="small" className="text-ui-fg-subtle px-6 py-4">
        Nothing to bill up to {asOf}.
      </Text>
    ) : (
      <Table>
        <TableHead
          columns={[
            "Contract",
            "Lines",
            { label: "Net", className: "text-right" },
            { label: "Gross", className: "text-right" },
            { label: "Credit applied", className: "text-right" },
            { label: "Amount due", className: "text-right" },
          ]}
        />
        <Table.Body>
          {result.invoice_previews.map((preview, index) => (
            <Table.Row key={`${preview.contract_id}-${index}`} className="[&_td]:align-top [&_td]:py-2">
              <Table.Cell>
                <Link to={`/billing/contracts/${preview.contract_id}`} className={`txt-compact-small-plus ${linkClass}`}>
                  {preview.contract_number}
                </Link>
              </Table.Cell>
              <Table.Cell>
                <PreviewLines preview={preview} />
              </Table.Cell>
              <Table.Cell className="text-right">{formatAmount(preview.net_total, preview.currency_code)}</Table.Cell>
              <Table.Cell className="text-right">{formatAmount(preview.gross_total, preview.currency_code)}</Table.Cell>
              <Table.Cell className="text-right">{formatAmount(preview.credit_applied, preview.currency_code)}</Table.Cell>
              <Table.Cell className="text-right">{formatAmount(preview.amount_due, preview.currency_code)}</Table.Cell>
            </Table.Row>
          ))}
        </Table.Body>
      </Table>
    )}
  </>
)

const RunBilling = () => {
  const queryClient = useQueryClient()
  const [preview, setPreview] = useState<{ asOf: string; result: BillingRunResult } | null>(null)

  const onRan = ({ run }: StartBillingRunResponse) => {
    setPreview(null)
    queryClient.invalidateQueries({ queryKey: ["billing-runs"] })
    queryClient.invalidateQueries({ queryKey: ["billing-invoices"] })
    queryClient.invalidateQueries({ queryKey: ["billing-contracts"] })
    const summary = `${run.invoices_issued} invoices issued, ${run.activities_created} activities created`
    if (run.errors.length) {
      toast.warning("Billing run finished with errors", { description: `${summary}, ${run.errors.length} contracts failed.` })
    } else {
      toast.success("Billing run finished", { description: `${summary}.` })
    }
  }

  return (
    <AsOfRunControl<StartBillingRunResponse>
      title="Run billing"
      description="Preview what a run would invoice (nothing is written), or run it now instead of waiting for the schedule."
      inputId="billing-run-as-of"
      path="/admin/billing/runs"
      runLabel="Run billing now"
      confirm={(asOf) => ({
        title: "Run billing now?",
        description: `Every contract's services due up to ${asOf} are invoiced, numbered, posted to the customer accounts and mailed. Issued invoices can only be cancelled, not deleted.`,
        confirmText: "Run billing",
      })}
      onPreviewed={(result, asOf) => setPreview({ asOf, result: result.run })}
      onRan={onRan}
    >
      {preview && <PreviewResult result={preview.result} asOf={preview.asOf} />}
    </AsOfRunControl>
  )
}

const RunRow = ({ run }: { run: BillingRun }) => {
  const [open, setOpen] = useState(false)
  const errors = Array.isArray(run.errors) ? run.errors : []
  return (
    <Fragment>
      <Table.Row
        className={errors.length ? "cursor-pointer" : undefined}
        onClick={() => errors.length && setOpen((value) => !value)}
      >
        <Table.Cell>{formatDateTime(run.started_at)}</Table.Cell>
        <Table.Cell>{formatDate(run.as_of)}</Table.Cell>
        <Table.Cell>
          <Badge size="2xsmall">{capitalize(run.trigger)}</Badge>
        </Table.Cell>
        <Table.Cell>
          <StatusBadge color={RUN_STATUS_COLOR[run.status] ?? "grey"}>{capitalize(run.status)}</StatusBadge>
        </Table.Cell>
        <Table.Cell className="text-right">{run.contracts_processed}</Table.Cell>
        <Table.Cell className="text-right">{run.activities_created}</Table.Cell>
        <Table.Cell className="text-right">{run.invoices_issued}</Table.Cell>
        <Table.Cell className="text-right">
          {errors.length ? (
            <span className="text-ui-fg-error inline-flex items-center gap-x-1">
              {open ? <TriangleDownMini /> : <TriangleRightMini />}
              {errors.length}
            </span>
          ) : (
            <span className="text-ui-fg-muted">0</span>
          )}
        </Table.Cell>
      </Table.Row>
      {open && errors.length > 0 && (
        <Table.Row className="bg-ui-bg-subtle hover:bg-ui-bg-subtle">
          <td colSpan={8} className="px-6 py-3">
            <ContractErrors errors={errors} />
          </td>
        </Table.Row>
      )}
    </Fragment>
  )
}

const RunsPage = () => {
  const { data, pagination, ...query } = usePagedList<BillingRunListResponse>(
    "billing-runs",
    "/admin/billing/runs",
    { pageSize: PAGE_SIZE }
  )

  return (
    <div className="flex flex-col gap-y-3">
      <RunBilling />
      <Container className="divide-y p-0">
        <div className="px-6 py-4">
          <Heading level="h1">Billing runs</Heading>
          <Text size="small" className="text-ui-fg-subtle">
            Scheduled, manual and interim runs. Click a run with errors to see which contracts failed and why.
          </Text>
        </div>
        <PagedListState query={query} items={data?.runs} loadingText="Loading billing runs…" emptyText="No billing runs yet." pagination={pagination}>
          {(runs) => (
            <Table>
              <TableHead
                columns={[
                  "Started",
                  "As of",
                  "Trigger",
                  "Status",
                  { label: "Contracts", className: "text-right" },
                  { label: "Activities", className: "text-right" },
                  { label: "Invoices", className: "text-right" },
                  { label: "Errors", className: "text-right" },
                ]}
              />
              <Table.Body>
                {runs.map((run) => (
                  <RunRow key={run.id} run={run} />
                ))}
              </Table.Body>
            </Table>
          )}
        </PagedListState>
      </Container>
    </div>
  )
}

/** Nested under "Billing" in the sidebar, as its path is below /billing. */
export const config = defineRouteConfig({
  label: "Billing runs",
  rank: 2,
})

export default RunsPage
