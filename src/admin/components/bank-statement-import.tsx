import { Alert, Button, Container, Heading, Input, Label, Select, Table, Text, toast } from "@medusajs/ui"
import { useMutation, useQueryClient } from "@tanstack/react-query"
import { type FormEvent, useRef, useState } from "react"
import { formatAmount, formatDate, formatDateTime, plural } from "../lib/format"
import type {
  BankStatementFormat,
  BankStatementListResponse,
  ImportStatementResponse,
  MatchingResult,
} from "../lib/types"
import { sdk } from "../lib/sdk"
import { usePagedList } from "../lib/use-paged-list"
import { PagedListState, TableHead } from "./list-state"

const FORMAT_LABEL: Record<BankStatementFormat | "auto", string> = {
  auto: "Detect (camt, MT940)",
  "camt.053": "camt.053",
  "camt.054": "camt.054",
  mt940: "MT940",
  csv: "CSV (Sparkasse CSV-CAMT V2)",
}

/** The file's bytes base64-encoded, as the import route takes them (any encoding arrives byte for byte). */
async function fileToBase64(file: File) {
  const bytes = new Uint8Array(await file.arrayBuffer())
  let binary = ""
  // In chunks: String.fromCharCode takes its bytes as arguments, and there is a limit to those.
  for (let offset = 0; offset < bytes.length; offset += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(offset, offset + 0x8000))
  }
  return btoa(binary)
}

export const matchingSummary = (matching: MatchingResult) =>
  [
    `${matching.auto_booked} booked automatically`,
    `${matching.review} to review`,
    `${matching.unmatched} unmatched`,
    matching.returned && `${matching.returned} returned`,
    matching.collections_settled && `${plural(matching.collections_settled, "direct debit")} settled`,
    matching.collections_returned && `${plural(matching.collections_returned, "direct debit")} returned`,
  ]
    .filter(Boolean)
    .join(", ")

const ImportResult = ({ result }: { result: ImportStatementResponse }) => (
  <div className="px-6 py-4">
    <Alert variant={result.import.transactions_added ? "success" : "info"} dismissible>
      <Text size="small" weight="plus">
        {result.import.file_name ?? "Statement"} ({result.import.format}):{" "}
        {plural(result.import.transactions_added, "transaction")} added
        {result.import.duplicates_skipped ? `, ${result.import.duplicates_skipped} already imported` : ""}
        {result.import.entries_skipped ? `, ${result.import.entries_skipped} pending or empty entries skipped` : ""}.
      </Text>
      <Text size="small">
        {result.matching ? `Matching: ${matchingSummary(result.matching)}.` : "Nothing new to match."}
      </Text>
    </Alert>
  </div>
)

/** Upload of a camt.053/054, MT940 or CSV statement (all or nothing), matched right after the import. */
export const BankStatementImport = () => {
  const queryClient = useQueryClient()
  const fileInput = useRef<HTMLInputElement>(null)
  const [file, setFile] = useState<File | null>(null)
  const [format, setFormat] = useState<BankStatementFormat | "auto">("auto")
  const [currency, setCurrency] = useState("")
  const [result, setResult] = useState<ImportStatementResponse | null>(null)

  const upload = useMutation({
    mutationFn: async (chosen: File) =>
      sdk.client.fetch<ImportStatementResponse>("/admin/billing/bank/statements", {
        method: "POST",
        body: {
          file_name: chosen.name,
          content_base64: await fileToBase64(chosen),
          ...(format === "auto" ? {} : { format }),
          ...(currency.trim() ? { currency: currency.trim() } : {}),
        },
      }),
    onMutate: () => setResult(null),
    onSuccess: (imported) => {
      setResult(imported)
      setFile(null)
      if (fileInput.current) {
        fileInput.current.value = ""
      }
      for (const key of ["billing-bank-statements", "billing-bank-transactions", "billing-sepa-collections", "billing-customer-ledger", "billing-customer-open-items"]) {
        queryClient.invalidateQueries({ queryKey: [key] })
      }
      toast.success("Statement imported", { description: `${plural(imported.import.transactions_added, "transaction")} added.` })
    },
  })

  const onSubmit = (event: FormEvent) => {
    event.preventDefault()
    if (file) {
      upload.mutate(file)
    }
  }

  return (
    <Container className="divide-y p-0">
      <div className="px-6 py-4">
        <Heading level="h2">Import statement</Heading>
        <Text size="small" className="text-ui-fg-subtle">
          A file that cannot be read, or names an unregistered account, is refused as a whole. Entries imported before are
          skipped, so overlapping statements do no harm.
        </Text>
      </div>
      <form onSubmit={onSubmit} className="flex flex-wrap items-end gap-4 px-6 py-4">
        <div className="flex flex-col gap-y-1">
          <Label size="small" htmlFor="statement-file">
            Statement file
          </Label>
          <Input
            ref={fileInput}
            id="statement-file"
            type="file"
            size="small"
            accept=".xml,.camt,.sta,.mt940,.940,.txt,.csv"
            onChange={(event) => setFile(event.target.files?.[0] ?? null)}
          />
        </div>
        <div className="flex w-[240px] flex-col gap-y-1">
          <Label size="small" htmlFor="statement-format">
            Format
          </Label>
          <Select size="small" value={format} onValueChange={(value) => setFormat(value as BankStatementFormat | "auto")}>
            <Select.Trigger id="statement-format">
              <Select.Value />
            </Select.Trigger>
            <Select.Content>
              {(Object.keys(FORMAT_LABEL) as (BankStatementFormat | "auto")[]).map((value) => (
                <Select.Item key={value} value={value}>
                  {FORMAT_LABEL[value]}
                </Select.Item>
              ))}
            </Select.Content>
          </Select>
        </div>
        <div className="flex w-[200px] flex-col gap-y-1">
          <Label size="small" htmlFor="statement-currency">
            Currency (MT940 only)
          </Label>
          <Input
            id="statement-currency"
            size="small"
            maxLength={3}
            placeholder="EUR"
            value={currency}
            onChange={(event) => setCurrency(event.target.value)}
          />
        </div>
        <Button size="small" type="submit" disabled={!file} isLoading={upload.isPending}>
          Import
        </Button>
      </form>
      {upload.isError && (
        <div className="px-6 py-4">
          <Alert variant="error" dismissible>
            {upload.error.message}
          </Alert>
        </div>
      )}
      {result && <ImportResult result={result} />}
    </Container>
  )
}

/** Imported statements, newest first, with what each brought. */
export const BankStatements = () => {
  const { data, pagination, ...query } = usePagedList<BankStatementListResponse>(
    "billing-bank-statements",
    "/admin/billing/bank/statements",
    { pageSize: 10 }
  )
  return (
    <Container className="divide-y p-0">
      <div className="px-6 py-4">
        <Heading level="h2">Imported statements</Heading>
      </div>
      <PagedListState query={query} items={data?.bank_statements} loadingText="Loading statements…" emptyText="No statements imported yet." pagination={pagination}>
        {(statements) => (
          <Table>
            <TableHead
              columns={[
                "Imported",
                "File",
                "Format",
                "Period",
                { label: "Closing balance", className: "text-right" },
                { label: "Added", className: "text-right" },
                { label: "Duplicates", className: "text-right" },
                { label: "Skipped", className: "text-right" },
              ]}
            />
            <Table.Body>
              {statements.map((statement) => (
                <Table.Row key={statement.id}>
                  <Table.Cell>{formatDateTime(statement.created_at)}</Table.Cell>
                  <Table.Cell>
                    {statement.file_name ?? "–"}
                    <span className="text-ui-fg-subtle"> · {statement.source}</span>
                  </Table.Cell>
                  <Table.Cell>{statement.format}</Table.Cell>
                  <Table.Cell>
                    {statement.from_date || statement.to_date
                      ? `${formatDate(statement.from_date)} – ${formatDate(statement.to_date)}`
                      : "–"}
                  </Table.Cell>
                  <Table.Cell className="text-right">{formatAmount(statement.closing_balance, statement.currency_code)}</Table.Cell>
                  <Table.Cell className="text-right">{statement.transactions_added}</Table.Cell>
                  <Table.Cell className="text-right">{statement.duplicates_skipped}</Table.Cell>
                  <Table.Cell className="text-right">{statement.entries_skipped}</Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
        )}
      </PagedListState>
    </Container>
  )
}
