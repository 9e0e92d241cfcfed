import { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import path from "path"
import { FolderBankStatementSource, type BankStatementSource, type BankStatementSourceFactory } from "../../providers/bank-folder"
import { isMedusaErrorOfType } from "./bank-lock"
import { importBankStatementExclusively } from "./import-bank-statement-workflow"
import { matchBankTransactionsExclusively, type MatchBankTransactionsResult } from "./match-bank-transactions-workflow"
import { paymentModule } from "./matching-context"

/**
 * The statement sources the plugin options configure: the watched folder (`bank_import_folder`) and each of
 * `bank_statement_sources`, whose `resolve` names a module (a package, or a path relative to the working
 * directory) exporting a `BankStatementSourceFactory` as default or as `createBankStatementSource`.
 */
export function configuredStatementSources(container: MedusaContainer): BankStatementSource[] {
  const payment = paymentModule(container)
  const sources: BankStatementSource[] = []
  const folder = payment.importFolder()
  if (folder) {
    sources.push(new FolderBankStatementSource(folder))
  }
  for (const config of payment.statementSourceConfigs()) {
    const resolved = config.resolve.startsWith(".") ? path.resolve(process.cwd(), config.resolve) : config.resolve
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const loaded = require(resolved) as { default?: BankStatementSourceFactory; createBankStatementSource?: BankStatementSourceFactory }
    const factory = loaded.createBankStatementSource ?? loaded.default
    if (typeof factory !== "function") {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, `bank_statement_sources: "${config.resolve}" exports no createBankStatementSource function`)
    }
    sources.push(factory(config.options ?? {}, { id: config.id ?? config.resolve }))
  }
  return sources
}

export interface SourceImportSummary {
  source: string
  files: { file_name: string; imported: boolean; transactions_added: number; error: string | null }[]
}

/**
 * Imports what each source has (each file matched right after its import) and acknowledges every file: a
 * file the import refuses (unreadable, unknown account …) is reported to the source as failed. Other errors
 * (the database is down) leave the file where it is for the next run. Ends with a matching run for anything
 * still waiting.
 */
export async function importFromStatementSources(
  container: MedusaContainer,
  sources: BankStatementSource[]
): Promise<{ sources: SourceImportSummary[]; matching: MatchBankTransactionsResult }> {
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  const payment = paymentModule(container)
  const summaries: SourceImportSummary[] = []
  for (const source of sources) {
    const [latest] = await payment.listBillingBankStatements({ source: source.id }, { select: ["created_at"], order: { created_at: "DESC" }, take: 1 })
    const files = await source.listNewStatements(latest ? new Date(latest.created_at) : null)
    const summary: SourceImportSummary = { source: source.id, files: [] }
    summaries.push(summary)
    for (const file of files) {
      try {
        const { import: imported } = await importBankStatementExclusively(container, {
          source: source.id,
          file_name: file.file_name,
          content_base64: file.content.toString("base64"),
          format: file.format,
          csv_layout: file.csv_layout,
          currency: file.currency,
        })
        await source.acknowledge(file, { imported: true, transactions_added: imported.transactions_added, duplicates_skipped: imported.duplicates_skipped })
        summary.files.push({ file_name: file.file_name, imported: true, transactions_added: imported.transactions_added, error: null })
      } catch (error) {
        if (isMedusaErrorOfType(error, MedusaError.Types.INVALID_DATA)) {
          const message = (error as Error).message
          await source.acknowledge(file, { imported: false, error: message })
          summary.files.push({ file_name: file.file_name, imported: false, transactions_added: 0, error: message })
          continue
        }
        logger.error(`Bank statement ${file.file_name} from ${source.id} could not be imported now: ${(error as Error).message}`)
      }
    }
  }
  return { sources: summaries, matching: await matchBankTransactionsExclusively(container) }
}
