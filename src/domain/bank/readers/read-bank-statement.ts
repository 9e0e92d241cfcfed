import type { BankStatement, BankStatementFormat } from "../types"
import { BankStatementError } from "./bank-statement-error"
import { readCamtStatement } from "./camt"
import { DEFAULT_CSV_LAYOUT, readCsvStatement, type CsvLayout } from "./csv"
import { readMt940Statement } from "./mt940"

export interface ReadBankStatementOptions {
  /** Skip detection. "csv" without `csvLayout` uses DEFAULT_CSV_LAYOUT. */
  format?: BankStatementFormat
  /** Read files that are neither camt nor MT940 as CSV with this layout. */
  csvLayout?: CsvLayout
  /** Currency of MT940 statements without balances. */
  currency?: string
}

function sample(input: Buffer | string): string {
  // Latin-1 maps every byte to one character, which is all that tag and element sniffing needs.
  return typeof input === "string" ? input : input.toString("latin1")
}

/**
 * "camt" for XML (whether it really is camt.053/054 is for the camt reader to say, with a precise error),
 * "mt940" for SWIFT tagged text, null otherwise. CSV is never guessed: any text would pass.
 */
function sniffFormat(input: Buffer | string): "camt" | "mt940" | null {
  const text = sample(input).replace(/^(\uFEFF|\u00EF\u00BB\u00BF)/, "").trimStart()
  if (text.startsWith("<")) {
    return "camt"
  }
  if (/^\{1:/.test(text) || /(^|[\r\n]):(20|25|28C?|60[FM]|61):/.test(text)) {
    return "mt940"
  }
  return null
}

/**
 * Reads a bank statement file of any supported format into statements. The format is detected (camt XML,
 * MT940) unless given; CSV needs `format: "csv"` or a `csvLayout`.
 */
export function readBankStatement(input: Buffer | string, options: ReadBankStatementOptions = {}): BankStatement[] {
  if (sample(input).trim() === "") {
    throw new BankStatementError("empty file")
  }
  const sniffed = sniffFormat(input)
  const format = options.format ?? (sniffed === "camt" ? "camt.053" : sniffed)
  switch (format) {
    case "camt.053":
    case "camt.054": {
      const statements = readCamtStatement(input)
      if (options.format && statements[0].format !== options.format) {
        throw new BankStatementError(`file is a ${statements[0].format} document, not ${options.format}`)
      }
      return statements
    }
    case "mt940":
      return readMt940Statement(input, { currency: options.currency })
    case "csv":
      return readCsvStatement(input, options.csvLayout ?? DEFAULT_CSV_LAYOUT)
    default:
      if (options.csvLayout) {
        return readCsvStatement(input, options.csvLayout)
      }
      throw new BankStatementError(
        "format not recognised: neither camt.053/camt.054 XML nor MT940 (pass a CSV layout to read CSV)"
      )
  }
}
