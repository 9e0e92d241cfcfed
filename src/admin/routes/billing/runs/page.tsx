import { defineRouteConfig } from "@medusajs/admin-sdk"
import { TriangleDownMini, TriangleRightMini } from "@medusajs/icons"
import { Alert, Badge, Button, Container, Heading, Input, Label, StatusBadge, Table, Text, toast, usePrompt } from "@medusajs/ui"
import { useMutation, useQueryClient } from "@tanstack/react-query"
import { Fragment, useState } from "react"
import { Link } from "react-router-dom"
import { ListState, TableHead } from "../../../components/list-state"
import { TablePagination } from "../../../components/table-pagination"
import {
  capitalize,
  formatAmount,
  formatDate,
  formatDateTime,
  formatQuantity,
  formatRate,
  isIsoDate,
  RUN_STATUS_COLOR,
  todayIso,
} from "../../../lib/format"
import { sdk } from "../../../lib/sdk"
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
  const prompt = usePrompt()
  const queryClient = useQueryClient()
  const [asOf, setAsOf] = useState(todayIso)
  const [preview, setPreview] = useState<{ asOf: string; result: BillingRunResult } | null>(null)

  const start = useMutation({
    mutationFn: (input: { as_of: string; dry_run: boolean }) =>
      sdk.client.fetch<StartBillingRunResponse>("/admin/billing/runs", { method: "POST", body: input }),
    onError: (err: Error) => toast.error(err.message),
  })

  const valid = isIsoDate(asOf)

  const onPreview = () =>
    start.mutate(
      { as_of: asOf, dry_run: true },
      { onSuccess: (result, input) => setPreview({ asOf: input.as_of, result: result.run }) }
    )

  const onRun = async () => {
    const confirmed = await prompt({
      title: "Run billing now?",
      description: `Every contract's services due up to ${asOf} are invoiced, numbered, posted to the customer accounts and mailed. Issued invoices can only be cancelled, not deleted.`,
      confirmText: "Run billing",
      cancelText: "Back",
      variant: "confirmation",
    })
    if (!confirmed) {
      return
    }
    start.mutate(
      { as_of: asOf, dry_run: false },
      {
        onSuccess: ({ run }) => {
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
        },
      }
    )
  }

  return (
    <Container className="divide-y p-0">
      <div className="flex flex-wrap items-center justify-between gap-4 px-6 py-4">
        <div>
          <Heading level="h2">Run billing</Heading>
          <Text size="small" className="text-ui-fg-subtle">
            Preview what a run would invoice (nothing is written), or run it now instead of waiting for the schedule.
          </Text>
        </div>
        <div className="flex items-center gap-x-2">
          <Label size="small" htmlFor="billing-run-as-of">
            As of
          </Label>
          <Input
            id="billing-run-as-of"
            type="date"
            size="small"
            value={asOf}
            onChange={(event) => setAsOf(event.target.value)}
          />
          <Button
            size="small"
            variant="secondary"
            onClick={onPreview}
            disabled={!valid || start.isPending}
            isLoading={start.isPending && start.variables?.dry_run === true}
          >
            Preview
          </Button>
          <Button
            size="small"
            onClick={onRun}
            disabled={!valid || start.isPending}
            isLoading={start.isPending && start.variables?.dry_run === false}
          >
            Run billing now
          </Button>
        </div>
      </div>
      {preview && <PreviewResult result={preview.result} asOf={preview.asOf} />}
    </Container>
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
        <ListState query={query} items={data?.runs} loadingText="Loading billing runs…" emptyText="No billing runs yet.">
          {(runs) => (
            <>
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
              <TablePagination {...pagination} />
            </>
          )}
        </ListState>
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
