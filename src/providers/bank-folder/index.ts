import fs from "fs"
import path from "path"
import type { BankStatementFormat } from "../../domain/bank"
import type { CsvLayout } from "../../domain/bank/readers/csv"

/** One statement file a source delivers. */
export interface BankStatementFile {
  /** Identifies the file within its source (a path, a connector's statement id); handed back to `acknowledge`. */
  reference: string
  file_name: string
  content: Buffer
  /** Default: detected (camt, MT940); CSV needs "csv" or a layout. */
  format?: BankStatementFormat
  csv_layout?: CsvLayout
  /** For MT940 files without balances. */
  currency?: string
}

export type BankStatementOutcome = { imported: true; transactions_added: number; duplicates_skipped: number } | { imported: false; error: string }

/**
 * Where bank statements come from besides the upload route: a watched folder (below), or an online-banking
 * connection (a finAPI-style service that fetches camt.053 from the bank over FinTS/PSD2). The `bank-import`
 * job asks every source for new statements, imports each (which matches it) and acknowledges the outcome.
 * Importing is idempotent, so a source may deliver a statement again; `since` only saves work.
 */
export interface BankStatementSource {
  /** Recorded as the statements' `source`. */
  readonly id: string
  /** Statement files not delivered yet. `since`: when the last statement from this source was stored, or null. */
  listNewStatements(since: Date | null): Promise<BankStatementFile[]>
  /** After each file: imported (also when everything in it was known already), or refused with the reason. */
  acknowledge(file: BankStatementFile, outcome: BankStatementOutcome): Promise<void>
}

/**
 * What a connector module exports (default export or `createBankStatementSource`): registered in the plugin
 * options as `bank_statement_sources: [{ resolve: "my-finapi-connector", id: "finapi", options: {...} }]`.
 */
export type BankStatementSourceFactory = (options: Record<string, unknown>, context: { id: string }) => BankStatementSource

const FORMAT_BY_EXTENSION: Record<string, BankStatementFormat | undefined> = { ".csv": "csv" }

/** Files being written are expected under a temporary name and renamed when complete. */
const IN_PROGRESS = /\.(part|tmp|crdownload)$/i

/**
 * A folder the merchant (or a banking program) drops statement files into. New files are imported and moved
 * to `done/`; a file that cannot be imported goes to `failed/` next to `<name>.error.txt` with the reason.
 * Dot files and files still being written (`.part`, `.tmp`) are left alone.
 */
export class FolderBankStatementSource implements BankStatementSource {
  readonly id: string

  constructor(
    private readonly folder: string,
    private readonly options: { csv_layout?: CsvLayout; currency?: string } = {}
  ) {
    this.id = `folder:${path.resolve(folder)}`
  }

  async listNewStatements(): Promise<BankStatementFile[]> {
    if (!fs.existsSync(this.folder)) {
      return []
    }
    const names = (await fs.promises.readdir(this.folder, { withFileTypes: true }))
      .filter((entry) => entry.isFile() && !entry.name.startsWith(".") && !IN_PROGRESS.test(entry.name))
      .map((entry) => entry.name)
      .sort()
    const files: BankStatementFile[] = []
    for (const name of names) {
      const full = path.join(this.folder, name)
      const csv = FORMAT_BY_EXTENSION[path.extname(name).toLowerCase()] === "csv"
      files.push({
        reference: full,
        file_name: name,
        content: await fs.promises.readFile(full),
        ...(csv ? { format: "csv" as const, csv_layout: this.options.csv_layout } : {}),
        currency: this.options.currency,
      })
    }
    return files
  }

  async acknowledge(file: BankStatementFile, outcome: BankStatementOutcome): Promise<void> {
    const target = path.join(this.folder, outcome.imported ? "done" : "failed")
    await fs.promises.mkdir(target, { recursive: true })
    const destination = await freeName(target, file.file_name)
    await fs.promises.rename(file.reference, destination)
    if (!outcome.imported) {
      await fs.promises.writeFile(`${destination}.error.txt`, `${outcome.error}\n`, "utf8")
    }
  }
}

/** `name`, or `name` with a counter before the extension when `done/` already holds a file of that name. */
async function freeName(folder: string, name: string): Promise<string> {
  const extension = path.extname(name)
  const stem = name.slice(0, name.length - extension.length)
  for (let n = 0; ; n++) {
    const candidate = path.join(folder, n ? `${stem}.${n}${extension}` : name)
    if (!fs.existsSync(candidate)) {
      return candidate
    }
  }
}
