import { parse } from "csv-parse/sync"
import { isIsoDate } from "../../calendar-date"
import type { BankDirection, BankEntry, BankStatement, BankTransaction } from "../types"
import { BankStatementError } from "./bank-statement-error"
import {
  bicOrNull,
  decodeText,
  endToEndId,
  fullYear,
  ibanOrNull,
  isoDate,
  joinText,
  nonEmpty,
  normaliseCurrency,
  parseAmount,
  type ParsedAmount,
  type TextEncoding,
} from "./fields"

/** A column by its header text (compared trimmed and case-insensitively) or by 0-based position. */
export type CsvColumn = string | number

export type CsvDateFormat = "DD.MM.YYYY" | "DD.MM.YY" | "YYYY-MM-DD"

export interface CsvColumns {
  booking_date: CsvColumn
  value_date?: CsvColumn
  /** Signed amount ("-12,50" is a debit) — or unsigned together with `direction`. */
  amount?: CsvColumn
  /** Instead of `amount`: separate debit (Soll) and credit (Haben) columns; signs in them are ignored. */
  debit_amount?: CsvColumn
  credit_amount?: CsvColumn
  /** "S"/"H", "D"/"C", "Soll"/"Haben" … (see `credit_values`/`debit_values`); overrides the amount's sign. */
  direction?: CsvColumn
  currency?: CsvColumn
  /** The statement's own account; rows of different accounts become separate statements. */
  account_iban?: CsvColumn
  counterparty_name?: CsvColumn
  counterparty_iban?: CsvColumn
  counterparty_bic?: CsvColumn
  /** One column or several, joined with single spaces in the given order. */
  remittance_text?: CsvColumn | CsvColumn[]
  end_to_end_id?: CsvColumn
  mandate_id?: CsvColumn
  creditor_id?: CsvColumn
  entry_reference?: CsvColumn
  /** Fees charged with the entry (e.g. return fees of a returned direct debit). */
  fee_amount?: CsvColumn
  /** A column whose value tells booked from pending rows (see `pending_values`). */
  status?: CsvColumn
}

export interface CsvLayout {
  delimiter: string
  encoding: TextEncoding
  decimal_separator: "," | "."
  date_format: CsvDateFormat
  /** Lines before the header row (or before the first data row when there is no header row). */
  skip_rows: number
  has_header_row: boolean
  /** Trailing rows that are not bookings (closing balance lines some banks append). */
  skip_footer_rows?: number
  columns: CsvColumns
  /** Values of the direction column meaning credit / debit, compared case-insensitively. */
  credit_values?: readonly string[]
  debit_values?: readonly string[]
  /** Values of the status column meaning "not booked yet". */
  pending_values?: readonly string[]
  /** The account, when the file has no account column. */
  account_iban?: string | null
  /** The currency, when the file has no currency column. */
  currency?: string | null
}

/**
 * The Sparkasse online-banking export "CSV-CAMT V2" (also offered by other savings and cooperative banks):
 *
 *   "Auftragskonto";"Buchungstag";"Valutadatum";"Buchungstext";"Verwendungszweck";"Glaeubiger ID";
 *   "Mandatsreferenz";"Kundenreferenz (End-to-End)";"Sammlerreferenz";"Lastschrift Ursprungsbetrag";
 *   "Auslagenersatz Ruecklastschrift";"Beguenstigter/Zahlungspflichtiger";"Kontonummer/IBAN";
 *   "BIC (SWIFT-Code)";"Betrag";"Waehrung";"Info"
 *
 * Windows-1252, ";" separated, dates DD.MM.YY, signed amounts with decimal comma ("-850,00"), "Info" is
 * "Umsatz gebucht" or "Umsatz vorgemerkt". Other banks: copy it and change the column names.
 */
export const DEFAULT_CSV_LAYOUT: CsvLayout = {
  delimiter: ";",
  encoding: "windows-1252",
  decimal_separator: ",",
  date_format: "DD.MM.YY",
  skip_rows: 0,
  has_header_row: true,
  columns: {
    account_iban: "Auftragskonto",
    booking_date: "Buchungstag",
    value_date: "Valutadatum",
    remittance_text: ["Verwendungszweck"],
    creditor_id: "Glaeubiger ID",
    mandate_id: "Mandatsreferenz",
    end_to_end_id: "Kundenreferenz (End-to-End)",
    fee_amount: "Auslagenersatz Ruecklastschrift",
    counterparty_name: "Beguenstigter/Zahlungspflichtiger",
    counterparty_iban: "Kontonummer/IBAN",
    counterparty_bic: "BIC (SWIFT-Code)",
    amount: "Betrag",
    currency: "Waehrung",
    status: "Info",
  },
  pending_values: ["Umsatz vorgemerkt"],
}

const CREDIT_VALUES = ["C", "H", "CR", "CRDT", "HABEN", "GUTSCHRIFT", "+"]
const DEBIT_VALUES = ["D", "S", "DR", "DBIT", "SOLL", "LASTSCHRIFT", "-"]

const DATE_PATTERNS: Record<CsvDateFormat, RegExp> = {
  // Two-digit and four-digit years are told apart by length, so either is accepted.
  "DD.MM.YYYY": /^(\d{1,2})\.(\d{1,2})\.(\d{4}|\d{2})$/,
  "DD.MM.YY": /^(\d{1,2})\.(\d{1,2})\.(\d{2}|\d{4})$/,
  "YYYY-MM-DD": /^(\d{4})-(\d{2})-(\d{2})$/,
}

function readDate(raw: string, format: CsvDateFormat, what: string, location: string): string {
  const match = DATE_PATTERNS[format].exec(raw)
  const date = match
    ? format === "YYYY-MM-DD"
      ? isoDate(Number(match[1]), Number(match[2]), Number(match[3]))
      : isoDate(
          match[3].length === 2 ? fullYear(Number(match[3])) : Number(match[3]),
          Number(match[2]),
          Number(match[1])
        )
    : null
  if (date === null || !isIsoDate(date)) {
    throw new BankStatementError(`${what} "${raw}" is not a date (expected ${format})`, location)
  }
  return date
}

interface CsvRecord {
  record: string[]
  info: { lines: number }
}

type ColumnName = Exclude<keyof CsvColumns, "remittance_text">

function checkLayout(layout: CsvLayout): void {
  const { columns } = layout
  if (columns.amount === undefined && columns.debit_amount === undefined && columns.credit_amount === undefined) {
    throw new BankStatementError("CSV layout names no amount column (amount, or debit_amount/credit_amount)")
  }
  if (!layout.delimiter) {
    throw new BankStatementError("CSV layout has an empty delimiter")
  }
  if (!columns.currency && !layout.currency) {
    throw new BankStatementError("CSV layout names neither a currency column nor a currency")
  }
}

function parseRecords(text: string, layout: CsvLayout): CsvRecord[] {
  try {
    return parse(text, {
      delimiter: layout.delimiter,
      from_line: layout.skip_rows + 1,
      relax_column_count: true,
      skip_empty_lines: true,
      info: true,
    }) as CsvRecord[]
  } catch (error) {
    const lines = (error as { lines?: number }).lines
    const message = error instanceof Error ? error.message : String(error)
    throw new BankStatementError(`CSV cannot be read: ${message}`, lines ? `line ${lines}` : undefined)
  }
}

/** Resolves the layout's column references to positions, using the header row for names. */
function columnIndexes(layout: CsvLayout, header: string[] | null): (column: CsvColumn) => number {
  const names = header?.map((name) => name.trim().toLowerCase())
  return (column) => {
    if (typeof column === "number") {
      return column
    }
    if (!names) {
      throw new BankStatementError(`CSV layout names column "${column}" but the file has no header row`)
    }
    const index = names.indexOf(column.trim().toLowerCase())
    if (index === -1) {
      throw new BankStatementError(`column "${column}" is not in the header row`, `line ${layout.skip_rows + 1}`)
    }
    return index
  }
}

interface Row {
  account: string | null
  entry: BankEntry
}

function readRow(row: CsvRecord, layout: CsvLayout, indexOf: (column: CsvColumn) => number): Row {
  const location = `row ${row.info.lines}`
  const cell = (name: ColumnName): string => {
    const column = layout.columns[name]
    return column === undefined ? "" : (row.record[indexOf(column)] ?? "").trim()
  }
  const amountSyntax = { decimal_separator: layout.decimal_separator, grouping: true, signed: true }
  const amountOf = (name: ColumnName, what: string): ParsedAmount | null =>
    cell(name) === "" ? null : parseAmount(cell(name), amountSyntax, what, location)

  const bookingRaw = cell("booking_date")
  if (bookingRaw === "") {
    throw new BankStatementError("booking date is empty", location)
  }
  const bookingDate = readDate(bookingRaw, layout.date_format, "booking date", location)
  const valueRaw = cell("value_date")
  const valueDate = valueRaw === "" ? null : readDate(valueRaw, layout.date_format, "value date", location)

  let amount: ParsedAmount
  let direction: BankDirection
  if (layout.columns.amount !== undefined) {
    const parsed = amountOf("amount", "amount")
    if (parsed === null) {
      throw new BankStatementError("amount is empty", location)
    }
    amount = parsed
    direction = parsed.negative ? "debit" : "credit"
  } else {
    const debit = amountOf("debit_amount", "debit amount")
    const credit = amountOf("credit_amount", "credit amount")
    const debitGiven = debit !== null && debit.amount !== "0.00"
    const creditGiven = credit !== null && credit.amount !== "0.00"
    if (debitGiven && creditGiven) {
      throw new BankStatementError("both a debit and a credit amount are given", location)
    }
    const chosen = debitGiven ? debit : (credit ?? debit)
    if (chosen === null) {
      throw new BankStatementError("neither a debit nor a credit amount is given", location)
    }
    amount = chosen
    direction = debitGiven || credit === null ? "debit" : "credit"
  }
  if (layout.columns.direction !== undefined) {
    const value = cell("direction").toUpperCase()
    const credits = (layout.credit_values ?? CREDIT_VALUES).map((known) => known.toUpperCase())
    const debits = (layout.debit_values ?? DEBIT_VALUES).map((known) => known.toUpperCase())
    if (credits.includes(value)) {
      direction = "credit"
    } else if (debits.includes(value)) {
      direction = "debit"
    } else {
      throw new BankStatementError(`direction "${cell("direction")}" is neither a credit nor a debit value`, location)
    }
  }

  const rawCurrency = cell("currency") || layout.currency
  if (!rawCurrency) {
    throw new BankStatementError("currency is empty", location)
  }
  const currency = normaliseCurrency(rawCurrency, location)
  const remittanceColumns = layout.columns.remittance_text
  const remittanceParts = (
    remittanceColumns === undefined ? [] : Array.isArray(remittanceColumns) ? remittanceColumns : [remittanceColumns]
  ).map((column) => row.record[indexOf(column)])
  const fee = amountOf("fee_amount", "fee")
  const pending = (layout.pending_values ?? []).some((value) => value.toLowerCase() === cell("status").toLowerCase())
  const entryReference = nonEmpty(cell("entry_reference"))
  const transaction: BankTransaction = {
    amount: amount.amount,
    direction,
    end_to_end_id: endToEndId(cell("end_to_end_id")),
    mandate_id: nonEmpty(cell("mandate_id")),
    creditor_id: nonEmpty(cell("creditor_id")),
    account_servicer_reference: entryReference,
    remittance_text: joinText(remittanceParts),
    structured_reference: null,
    counterparty_name: nonEmpty(cell("counterparty_name")),
    counterparty_iban: ibanOrNull(cell("counterparty_iban")),
    counterparty_bic: bicOrNull(cell("counterparty_bic")),
    return_reason: null,
    fee_amount: fee && fee.amount !== "0.00" ? fee.amount : null,
  }
  return {
    account: nonEmpty(cell("account_iban")) ?? nonEmpty(layout.account_iban),
    entry: {
      entry_reference: entryReference,
      booking_date: bookingDate,
      value_date: valueDate,
      amount: amount.amount,
      direction,
      currency,
      reversal: false,
      status: pending ? "pending" : "booked",
      bank_transaction_code: null,
      transactions: [transaction],
    },
  }
}

/**
 * Reads a bank's CSV export described by `layout` (see DEFAULT_CSV_LAYOUT). CSV carries no balances, so
 * opening/closing balances are null and the period is the first and last booking date.
 */
export function readCsvStatement(input: Buffer | string, layout: CsvLayout = DEFAULT_CSV_LAYOUT): BankStatement[] {
  checkLayout(layout)
  const text = decodeText(input, layout.encoding, true)
  if (text.trim() === "") {
    throw new BankStatementError("empty file")
  }
  const records = parseRecords(text, layout)
  const header = layout.has_header_row ? (records.shift()?.record ?? null) : null
  const indexOf = columnIndexes(layout, header)
  Object.values(layout.columns)
    .flat()
    .forEach((column: CsvColumn) => indexOf(column))
  const dataRows = records
    .slice(0, records.length - (layout.skip_footer_rows ?? 0))
    .filter((row) => row.record.some((value) => value.trim() !== ""))
  const rows = dataRows.map((row) => readRow(row, layout, indexOf))
  if (rows.length === 0) {
    throw new BankStatementError("CSV file has no bookings (and CSV has no balances)")
  }
  const accounts = [...new Set(rows.map((row) => row.account))]
  return accounts.map((account) => {
    const entries = rows.filter((row) => row.account === account).map((row) => row.entry)
    const dates = entries.map((entry) => entry.booking_date).sort()
    const iban = ibanOrNull(account)
    return {
      format: "csv",
      message_id: null,
      statement_id: null,
      account_iban: iban,
      account_other_id: iban ? null : account,
      currency: layout.currency ? normaliseCurrency(layout.currency, "layout") : entries[0].currency,
      opening_balance: null,
      closing_balance: null,
      from_date: dates[0],
      to_date: dates[dates.length - 1],
      entries,
    }
  })
}
