import type * as IbanTools from "ibantools" with { "resolution-mode": "import" }
import * as iconv from "iconv-lite"
import { TextDecoder } from "util"
import { BankStatementError } from "./bank-statement-error"

// ibantools declares its types as ESM only, which this CommonJS project cannot import; its CommonJS build
// is loaded with those declarations (as src/domain/sepa does).
const { electronicFormatIBAN, isValidBIC, isValidIBAN }: typeof IbanTools = require("ibantools")

/** Helpers the camt, MT940 and CSV readers share: amounts, identifiers, text. */

export type TextEncoding = "utf-8" | "windows-1252"

export interface ParsedAmount {
  negative: boolean
  /** Unsigned, exactly two decimals: "1234.50". */
  amount: string
}

export interface AmountSyntax {
  decimal_separator: "," | "."
  /** Accept thousands separators ("1.234,56" with ","; "1,234.56" with "."). */
  grouping: boolean
  /** Accept a leading "+"/"-" or a trailing "-" (German exports write "12,50-"). */
  signed: boolean
}

const GROUPED_INTEGER = { ",": /^\d{1,3}(\.\d{3})+$/, ".": /^\d{1,3}(,\d{3})+$/ }

/**
 * Reads a decimal amount by string manipulation only, so no value ever passes through a float.
 * More than two decimals are accepted only when the extra digits are zeros ("12.500").
 */
export function parseAmount(raw: string, syntax: AmountSyntax, what: string, location: string): ParsedAmount {
  const notANumber = () => new BankStatementError(`${what} "${raw}" is not a number`, location)
  let text = raw.trim()
  let negative = false
  if (syntax.signed) {
    if (text.startsWith("-") || text.startsWith("+")) {
      negative = text.startsWith("-")
      text = text.slice(1).trim()
    } else if (text.endsWith("-")) {
      negative = true
      text = text.slice(0, -1).trim()
    }
  }
  const separatorAt = text.lastIndexOf(syntax.decimal_separator)
  let integer = separatorAt === -1 ? text : text.slice(0, separatorAt)
  const fraction = separatorAt === -1 ? "" : text.slice(separatorAt + 1)
  if (!/^\d*$/.test(fraction)) {
    throw notANumber()
  }
  if (syntax.grouping && GROUPED_INTEGER[syntax.decimal_separator].test(integer)) {
    integer = integer.replace(/[.,]/g, "")
  }
  if (!/^\d+$/.test(integer)) {
    throw notANumber()
  }
  if (fraction.length > 2 && !/^0+$/.test(fraction.slice(2))) {
    throw new BankStatementError(`${what} "${raw}" has more than 2 decimals`, location)
  }
  const cents = fraction.slice(0, 2).padEnd(2, "0")
  const units = integer.replace(/^0+(?=\d)/, "")
  return { negative: negative && !(units === "0" && cents === "00"), amount: `${units}.${cents}` }
}

export function signedAmount(parsed: ParsedAmount): string {
  return parsed.negative ? `-${parsed.amount}` : parsed.amount
}

/** A valid IBAN in electronic format (no spaces, upper case), or null for anything else. */
export function ibanOrNull(raw: string | null | undefined): string | null {
  if (!raw) {
    return null
  }
  const iban = electronicFormatIBAN(raw.trim())
  return iban && isValidIBAN(iban) ? iban : null
}

export function bicOrNull(raw: string | null | undefined): string | null {
  if (!raw) {
    return null
  }
  const bic = raw.replace(/\s+/g, "").toUpperCase()
  return isValidBIC(bic) ? bic : null
}

export function normaliseCurrency(raw: string, location: string): string {
  const currency = raw.trim().toUpperCase()
  if (!/^[A-Z]{3}$/.test(currency)) {
    throw new BankStatementError(`currency "${raw}" is not an ISO 4217 code`, location)
  }
  return currency
}

/** Trimmed text, or null when nothing is left. */
export function nonEmpty(raw: string | null | undefined): string | null {
  const text = raw?.trim()
  return text ? text : null
}

/** SEPA writes "NOTPROVIDED" where the payer gave no end-to-end reference. */
export function endToEndId(raw: string | null | undefined): string | null {
  const text = nonEmpty(raw)
  return text && text.toUpperCase() !== "NOTPROVIDED" ? text : null
}

/** Non-empty parts joined with single spaces; runs of white space (line breaks, tabs) become one space. */
export function joinText(parts: readonly (string | null | undefined)[]): string {
  return parts
    .map((part) => (part ?? "").replace(/\s+/g, " ").trim())
    .filter((part) => part !== "")
    .join(" ")
}

const strictUtf8 = new TextDecoder("utf-8", { fatal: true })

function isUtf8(bytes: Buffer): boolean {
  try {
    strictUtf8.decode(bytes)
    return true
  } catch {
    return false
  }
}

/**
 * Bytes to text. A UTF-8 byte order mark wins over `encoding`. With `detectUtf8`, bytes that are valid
 * UTF-8 and not plain ASCII are read as UTF-8: Windows-1252 text with umlauts is practically never valid
 * UTF-8, while some banks (and test files) do send UTF-8.
 */
export function decodeText(input: Buffer | string, encoding: TextEncoding, detectUtf8 = false): string {
  if (typeof input === "string") {
    return input.replace(/^\uFEFF/, "")
  }
  if (input[0] === 0xef && input[1] === 0xbb && input[2] === 0xbf) {
    return input.subarray(3).toString("utf8")
  }
  if (encoding === "utf-8" || (detectUtf8 && input.some((byte) => byte > 0x7f) && isUtf8(input))) {
    return input.toString("utf8")
  }
  return iconv.decode(input, "windows-1252")
}

/** The year a two-digit SWIFT/CSV year means: 80–99 → 19xx, 00–79 → 20xx. */
export function fullYear(twoDigits: number): number {
  return twoDigits >= 80 ? 1900 + twoDigits : 2000 + twoDigits
}

export function isoDate(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`
}
