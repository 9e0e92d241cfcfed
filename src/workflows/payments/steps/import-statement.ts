import { MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { createHash } from "crypto"
import { BankStatementError, readBankStatement, type BankStatement, type BankStatementFormat } from "../../../domain/bank"
import type { CsvLayout } from "../../../domain/bank/readers/csv"
import type { StatementToStore, StoredStatementResult } from "../../../modules/billing-payment/service"
import { paymentModule } from "../matching-context"
import { statementAccountIban, statementAccountLabel, statementRows } from "../statement-rows"

export interface ImportBankStatementInput {
  /** "upload", or the id of the statement source that delivered the file. */
  source: string
  file_name: string | null
  /** The file's bytes, base64 (workflow input travels as JSON). */
  content_base64: string
  format?: BankStatementFormat
  csv_layout?: CsvLayout
  /** Currency of MT940 files without balances. */
  currency?: string
}

export interface ImportBankStatementResult {
  file_name: string | null
  format: BankStatementFormat
  statements: StoredStatementResult[]
  transactions_added: number
  duplicates_skipped: number
  entries_skipped: number
  transaction_ids: string[]
}

const invalid = (fileName: string | null, message: string) =>
  new MedusaError(MedusaError.Types.INVALID_DATA, `${fileName ? `${fileName}: ` : ""}${message}; nothing was imported`)

function parse(input: ImportBankStatementInput): BankStatement[] {
  const bytes = Buffer.from(input.content_base64, "base64")
  try {
    return readBankStatement(bytes, { format: input.format, csvLayout: input.csv_layout, currency: input.currency })
  } catch (error) {
    if (error instanceof BankStatementError) {
      throw invalid(input.file_name, error.message)
    }
    throw error
  }
}

export const importBankStatementStepId = "billing-import-bank-statement"

/**
 * Reads a statement file (camt.053/054, MT940, CSV) and stores its booked transactions for the merchant's
 * registered accounts, all in one transaction and only when every statement of the file can be taken:
 * unreadable files, statements of unknown accounts and currencies other than the account's are refused with
 * a message naming the place, and nothing is stored. Entries imported before (same dedupe key) are skipped.
 */
export const importBankStatementStep = createStep(importBankStatementStepId, async (input: ImportBankStatementInput, { container }) => {
  const payment = paymentModule(container)
  const statements = parse(input)
  if (!statements.length) {
    throw invalid(input.file_name, "the file contains no statement")
  }
  const ibans = statements.map(statementAccountIban)
  const known = [...new Set(ibans.filter((iban): iban is string => !!iban))]
  const accounts = known.length ? await payment.listBillingBankAccounts({ iban: known }) : []
  const accountByIban = new Map(accounts.map((account) => [account.iban, account]))
  statements.forEach((statement, index) => {
    const account = ibans[index] ? accountByIban.get(ibans[index] as string) : undefined
    if (!account) {
      throw invalid(
        input.file_name,
        `statement ${index + 1} is for account ${statementAccountLabel(statement)}, which is not a registered bank account (POST /admin/billing/bank/accounts)`
      )
    }
    const currency = account.currency_code.toUpperCase()
    const entry = statement.entries.findIndex((e) => e.currency.toUpperCase() !== currency)
    if (statement.currency.toUpperCase() !== currency || entry >= 0) {
      const found = statement.currency.toUpperCase() !== currency ? `the statement is in ${statement.currency}` : `entry ${entry + 1} is in ${statement.entries[entry].currency}`
      throw invalid(input.file_name, `statement ${index + 1} (account ${account.iban}): ${found}, but the account is kept in ${currency}`)
    }
  })

  const toStore: StatementToStore[] = new Array(statements.length)
  for (const iban of new Set(ibans as string[])) {
    const positions = statements.map((_, i) => i).filter((i) => ibans[i] === iban)
    const account = accountByIban.get(iban)!
    const { rows, skipped } = statementRows(positions.map((i) => statements[i]))
    positions.forEach((statementIndex, k) => {
      const statement = statements[statementIndex]
      toStore[statementIndex] = {
        bank_account_id: account.id,
        currency_code: account.currency_code,
        message_id: statement.message_id,
        statement_reference: statement.statement_id,
        from_date: statement.from_date,
        to_date: statement.to_date,
        opening_balance: statement.opening_balance,
        closing_balance: statement.closing_balance,
        entries_skipped: skipped[k],
        rows: rows[k] as unknown as StatementToStore["rows"],
      }
    })
  }
  const stored = await payment.storeStatements({
    source: input.source,
    file_name: input.file_name,
    file_sha256: createHash("sha256").update(Buffer.from(input.content_base64, "base64")).digest("hex"),
    format: statements[0].format,
    statements: toStore,
  })
  const sum = (key: "transactions_added" | "duplicates_skipped" | "entries_skipped") => stored.statements.reduce((total, s) => total + s[key], 0)
  const result: ImportBankStatementResult = {
    file_name: input.file_name,
    format: statements[0].format,
    statements: stored.statements,
    transactions_added: sum("transactions_added"),
    duplicates_skipped: sum("duplicates_skipped"),
    entries_skipped: sum("entries_skipped"),
    transaction_ids: stored.transaction_ids,
  }
  return new StepResponse(result, stored.statements.map((s) => s.id).filter((id): id is string => !!id))
}, async (statementIds, { container }) => {
  if (statementIds?.length) {
    await paymentModule(container).removeImportedStatements(statementIds)
  }
})
