import { defineRouteConfig } from "@medusajs/admin-sdk"
import { ArrowDownTray, XMarkMini } from "@medusajs/icons"
import { Alert, Badge, Button, Container, Heading, Input, Label, StatusBadge, Table, Text, toast, usePrompt } from "@medusajs/ui"
import { useMutation, useQueryClient } from "@tanstack/react-query"
import { useState } from "react"
import { Link } from "react-router-dom"
import { CustomerLink, useCustomerLabels } from "../../../components/customer-link"
import { PagedListState, TableHead } from "../../../components/list-state"
import { openFile } from "../../../components/open-file"
import { SectionHeader } from "../../../components/section-header"
import { SepaCollectionsTable } from "../../../components/sepa-collections-table"
import { SepaCreditorSettings } from "../../../components/sepa-creditor-settings"
import { StatusFilter } from "../../../components/status-filter"
import {
  capitalize,
  formatAmount,
  formatDate,
  formatDateTime,
  isIsoDate,
  plural,
  SEPA_BATCH_STATUS_COLOR,
  SEPA_BATCH_STATUSES,
  SEPA_COLLECTION_STATUSES,
} from "../../../lib/format"
import { sdk } from "../../../lib/sdk"
import type {
  CreateSepaBatchResponse,
  SepaBatch,
  SepaBatchListResponse,
  SepaBatchStatus,
  SepaCollectionListResponse,
  SepaCollectionStatus,
  SepaSkippedInvoice,
  UpdateSepaBatchResponse,
} from "../../../lib/types"
import { usePagedList } from "../../../lib/use-paged-list"

const PAGE_SIZE = 20
const linkClass = "text-ui-fg-interactive hover:text-ui-fg-interactive-hover"

const collectionDates = (batch: Pick<SepaBatch, "first_collection_date" | "last_collection_date">) =>
  batch.first_collection_date === batch.last_collection_date
    ? formatDate(batch.first_collection_date)
    : `${formatDate(batch.first_collection_date)} – ${formatDate(batch.last_collection_date)}`

const SkippedInvoices = ({ skipped }: { skipped: SepaSkippedInvoice[] }) => {
  const customerName = useCustomerLabels(skipped.map((skip) => skip.customer_id))
  return (
    <>
      <div className="px-6 py-4">
        <Text size="small" weight="plus">
          Not collected ({skipped.length})
        </Text>
        <Text size="small" className="text-ui-fg-subtle">
          These invoices were left out of the file; fix the reason and they are collected by the next batch.
        </Text>
      </div>
      <Table>
        <TableHead columns={["Invoice", "Customer", "Reason"]} />
        <Table.Body>
          {skipped.map((skip) => (
            <Table.Row key={skip.invoice_id} className="[&_td]:align-top [&_td]:py-2">
              <Table.Cell>
                <Link to={`/billing/invoices/${skip.invoice_id}`} className={`txt-compact-small-plus ${linkClass}`}>
                  {skip.invoice_number ?? skip.invoice_id}
                </Link>
              </Table.Cell>
              <Table.Cell>
                <CustomerLink id={skip.customer_id} label={customerName(skip.customer_id)} />
              </Table.Cell>
              <Table.Cell className="whitespace-normal break-words">{skip.reason}</Table.Cell>
            </Table.Row>
          ))}
        </Table.Body>
      </Table>
    </>
  )
}

const CreateBatch = () => {
  const prompt = usePrompt()
  const queryClient = useQueryClient()
  const [collectionDate, setCollectionDate] = useState("")
  const [result, setResult] = useState<CreateSepaBatchResponse | null>(null)

  const create = useMutation({
    mutationFn: () =>
      sdk.client.fetch<CreateSepaBatchResponse>("/admin/billing/sepa/batches", {
        method: "POST",
        body: collectionDate ? { collection_date: collectionDate } : {},
      }),
    onMutate: () => setResult(null),
    onSuccess: (created) => {
      setResult(created)
      queryClient.invalidateQueries({ queryKey: ["billing-sepa-batches"] })
      queryClient.invalidateQueries({ queryKey: ["billing-sepa-collections"] })
      queryClient.invalidateQueries({ queryKey: ["billing-customer-mandates"] })
      queryClient.invalidateQueries({ queryKey: ["billing-mail-log"] })
      toast.success("Direct debit file created", {
        description: `${plural(created.batch.transaction_count, "collection")}, ${formatAmount(created.batch.control_sum, created.batch.currency_code)}.`,
      })
    },
  })
  const valid = !collectionDate || isIsoDate(collectionDate)

  const onCreate = async () => {
    const confirmed = await prompt({
      title: "Create a direct debit file?",
      description:
        "Every collectable open invoice of SEPA contracts is put into one pain.008 file, and each debtor is mailed a pre-notification with amount and collection date. Upload the file to the bank, then mark the batch as submitted.",
      confirmText: "Create batch",
      cancelText: "Back",
      variant: "confirmation",
    })
    if (confirmed) {
      create.mutate()
    }
  }

  return (
    <Container className="divide-y p-0">
      <div className="flex flex-wrap items-center justify-between gap-4 px-6 py-4">
        <div>
          <Heading level="h2">Create batch</Heading>
          <Text size="small" className="text-ui-fg-subtle">
            Collection date: the requested date, else each invoice's due date – never before pre-notification and bank lead
            time allow.
          </Text>
        </div>
        <div className="flex items-center gap-x-2">
          <Label size="small" htmlFor="sepa-collection-date">
            Collection date (optional)
          </Label>
          <Input
            id="sepa-collection-date"
            type="date"
            size="small"
            value={collectionDate}
            onChange={(event) => setCollectionDate(event.target.value)}
          />
          <Button size="small" onClick={onCreate} disabled={!valid || create.isPending} isLoading={create.isPending}>
            Create batch
          </Button>
        </div>
      </div>
      {create.isError && (
        <div className="px-6 py-4">
          <Alert variant="error" dismissible>
            {create.error.message}
          </Alert>
        </div>
      )}
      {result && (
        <>
          <div className="px-6 py-4">
            <Alert variant="success" dismissible>
              Batch {result.batch.message_id}: {plural(result.batch.transaction_count, "collection")},{" "}
              {formatAmount(result.batch.control_sum, result.batch.currency_code)}, collected {collectionDates(result.batch)}.
            </Alert>
          </div>
          {result.skipped.length > 0 && <SkippedInvoices skipped={result.skipped} />}
        </>
      )}
    </Container>
  )
}

const BatchActions = ({ batch }: { batch: SepaBatch }) => {
  const prompt = usePrompt()
  const queryClient = useQueryClient()
  const [downloading, setDownloading] = useState(false)

  const change = useMutation({
    mutationFn: (action: "submit" | "cancel") =>
      sdk.client.fetch<UpdateSepaBatchResponse>(`/admin/billing/sepa/batches/${batch.id}`, { method: "POST", body: { action } }),
    onSuccess: (result, action) => {
      queryClient.invalidateQueries({ queryKey: ["billing-sepa-batches"] })
      queryClient.invalidateQueries({ queryKey: ["billing-sepa-collections"] })
      queryClient.invalidateQueries({ queryKey: ["billing-customer-mandates"] })
      toast.success(
        action === "submit"
          ? `Batch ${batch.message_id} marked as submitted`
          : `Batch ${batch.message_id} cancelled – ${plural(result.cancelled_collections, "invoice")} collectable again`
      )
    },
    onError: (err: Error) => toast.error(err.message),
  })

  const onDownload = async () => {
    setDownloading(true)
    await openFile(`/admin/billing/sepa/batches/${batch.id}/file`, { accept: "application/xml", filename: batch.file_name })
    setDownloading(false)
  }

  const onSubmit = async () => {
    const confirmed = await prompt({
      title: "Mark batch as submitted?",
      description: `Do this once ${batch.file_name} is uploaded to the bank. A submitted batch can no longer be cancelled here.`,
      confirmText: "Mark submitted",
      cancelText: "Back",
      variant: "confirmation",
    })
    if (confirmed) {
      change.mutate("submit")
    }
  }

  const onCancel = async () => {
    const confirmed = await prompt({
      title: "Cancel batch?",
      description:
        "Only for a file that was not uploaded to the bank. Its collections are cancelled, the invoices become collectable again and the mandates are reset to their state before the file.",
      confirmText: "Cancel batch",
      cancelText: "Keep",
    })
    if (confirmed) {
      change.mutate("cancel")
    }
  }

  return (
    <div className="flex justify-end gap-x-1">
      {batch.file_id && (
        <Button size="small" variant="transparent" onClick={onDownload} isLoading={downloading}>
          <ArrowDownTray />
          XML
        </Button>
      )}
      {batch.status === "generated" && (
        <>
          <Button size="small" variant="secondary" onClick={onSubmit} isLoading={change.isPending && change.variables === "submit"}>
            Mark submitted
          </Button>
          <Button
            size="small"
            variant="transparent"
            className="text-ui-fg-error"
            onClick={onCancel}
            isLoading={change.isPending && change.variables === "cancel"}
          >
            Cancel
          </Button>
        </>
      )}
    </div>
  )
}

const Batches = ({ onShowCollections }: { onShowCollections: (batch: SepaBatch) => void }) => {
  const [status, setStatus] = useState<SepaBatchStatus | "all">("all")
  const { data, setPageIndex, pagination, ...query } = usePagedList<SepaBatchListResponse>(
    "billing-sepa-batches",
    "/admin/billing/sepa/batches",
    { pageSize: PAGE_SIZE, filters: { status } }
  )

  return (
    <Container className="divide-y p-0">
      <SectionHeader level="h1" title="Direct debit batches" description="pain.008 files: download, upload to the bank, then mark as submitted.">
        <StatusFilter
          value={status}
          options={SEPA_BATCH_STATUSES}
          onChange={(value) => {
            setStatus(value)
            setPageIndex(0)
          }}
        />
      </SectionHeader>
      <PagedListState query={query} items={data?.batches} loadingText="Loading batches…" emptyText="No batches yet." pagination={pagination}>
        {(batches) => (
          <Table>
            <TableHead
              columns={[
                "Created",
                "Message id",
                "Status",
                "Collection dates",
                { label: "Collections", className: "text-right" },
                { label: "Sum", className: "text-right" },
                { label: "", className: "text-right" },
              ]}
            />
            <Table.Body>
              {batches.map((batch) => (
                <Table.Row key={batch.id}>
                  <Table.Cell>{formatDateTime(batch.created_at)}</Table.Cell>
                  <Table.Cell className="font-mono">{batch.message_id}</Table.Cell>
                  <Table.Cell>
                    <StatusBadge color={SEPA_BATCH_STATUS_COLOR[batch.status] ?? "grey"}>{capitalize(batch.status)}</StatusBadge>
                  </Table.Cell>
                  <Table.Cell>{collectionDates(batch)}</Table.Cell>
                  <Table.Cell className="text-right">
                    <button type="button" className={`txt-compact-small-plus ${linkClass}`} onClick={() => onShowCollections(batch)}>
                      {batch.transaction_count}
                    </button>
                  </Table.Cell>
                  <Table.Cell className="text-right">{formatAmount(batch.control_sum, batch.currency_code)}</Table.Cell>
                  <Table.Cell>
                    <BatchActions batch={batch} />
                  </Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
        )}
      </PagedListState>
    </Container>
  )
}

const Collections = ({ batch, onClearBatch }: { batch: SepaBatch | null; onClearBatch: () => void }) => {
  const [status, setStatus] = useState<SepaCollectionStatus | "all">("all")
  const { data, setPageIndex, pagination, ...query } = usePagedList<SepaCollectionListResponse>(
    "billing-sepa-collections",
    "/admin/billing/sepa/collections",
    { pageSize: PAGE_SIZE, filters: { status, batch_id: batch?.id ?? "all" } }
  )

  return (
    <Container className="divide-y p-0">
      <div className="flex items-center justify-between gap-x-4 px-6 py-4">
        <div>
          <div className="flex items-center gap-x-2">
            <Heading level="h2">Collections</Heading>
            {batch && (
              <Badge size="2xsmall">
                Batch {batch.message_id}
                <button type="button" aria-label="Show all batches" onClick={onClearBatch}>
                  <XMarkMini />
                </button>
              </Badge>
            )}
          </div>
          <Text size="small" className="text-ui-fg-subtle">
            One per invoice and batch: pending until the bank statement shows the money, returned on a chargeback.
          </Text>
        </div>
        <StatusFilter
          value={status}
          options={SEPA_COLLECTION_STATUSES}
          onChange={(value) => {
            setStatus(value)
            setPageIndex(0)
          }}
        />
      </div>
      <PagedListState query={query} items={data?.collections} loadingText="Loading collections…" pagination={pagination}>
        {(collections) => (
          <SepaCollectionsTable collections={collections} />
        )}
      </PagedListState>
    </Container>
  )
}

const SepaPage = () => {
  const [batch, setBatch] = useState<SepaBatch | null>(null)
  return (
    <div className="flex flex-col gap-y-3">
      <SepaCreditorSettings />
      <CreateBatch />
      <Batches onShowCollections={setBatch} />
      <Collections key={batch?.id ?? "all"} batch={batch} onClearBatch={() => setBatch(null)} />
    </div>
  )
}

/** Nested under "Billing" in the sidebar, as its path is below /billing. */
export const config = defineRouteConfig({
  label: "SEPA direct debit",
  rank: 6,
})

export default SepaPage
