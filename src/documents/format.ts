/**
 * Display formatting for invoice documents. Every amount, quantity and rate
 * arrives as a decimal string and is formatted digit by digit, never through
 * a binary float, so what is printed is exactly what was stored.
 */

import { assertIsoDate } from "../domain/calendar-date"

export type DocumentLocale = "de" | "en"

const DECIMAL = /^(-?)(\d+)(?:\.(\d+))?$/

interface ParsedDecimal {
  negative: boolean
  integer: string
  fraction: string
}

function parseDecimal(value: string, field: string): ParsedDecimal {
  const match = typeof value === "string" ? DECIMAL.exec(value.trim()) : null
  if (!match) {
    throw new Error(`Invalid ${field} "${value}", expected a decimal string such as "1234.56"`)
  }
  const integer = match[2].replace(/^0+(?=\d)/, "")
  const fraction = (match[3] ?? "").replace(/0+$/, "")
  const isZero = /^0*$/.test(integer) && fraction === ""
  return { negative: match[1] === "-" && !isZero, integer, fraction }
}

function group(integer: string, separator: string): string {
  return integer.replace(/\B(?=(\d{3})+(?!\d))/g, separator)
}

function separators(locale: DocumentLocale): { decimal: string; group: string } {
  return locale === "de" ? { decimal: ",", group: "." } : { decimal: ".", group: "," }
}

/**
 * A decimal with grouping, at least `minFraction` and (when given) at most
 * `maxFraction` fraction digits. Trailing zeros beyond `minFraction` are
 * dropped; a value that would need more than `maxFraction` digits throws
 * instead of being rounded, because a document must never print a number
 * other than the one it was given.
 */
export function formatDecimal(
  value: string,
  locale: DocumentLocale,
  options: { minFraction?: number; maxFraction?: number; field?: string } = {}
): string {
  const field = options.field ?? "number"
  const parsed = parseDecimal(value, field)
  const minFraction = options.minFraction ?? 0
  if (options.maxFraction !== undefined && parsed.fraction.length > options.maxFraction) {
    throw new Error(`${field} "${value}" has more than ${options.maxFraction} decimals; round it before rendering`)
  }
  const fraction = parsed.fraction.padEnd(minFraction, "0")
  const sep = separators(locale)
  const body = group(parsed.integer, sep.group) + (fraction ? sep.decimal + fraction : "")
  return (parsed.negative ? "-" : "") + body
}

const CURRENCY_SYMBOLS: Record<string, string> = { eur: "€", usd: "$", gbp: "£", jpy: "¥" }

/**
 * de: "1.234,56 €", "-1.234,56 €", "1.234,56 CHF"
 * en: "€1,234.56", "-€1,234.56", "CHF 1,234.56"
 */
export function formatMoney(
  value: string,
  currencyCode: string,
  locale: DocumentLocale,
  options: { maxFraction?: number; field?: string } = {}
): string {
  const formatted = formatDecimal(value, locale, {
    minFraction: 2,
    maxFraction: options.maxFraction ?? 2,
    field: options.field ?? "amount",
  })
  const negative = formatted.startsWith("-")
  const digits = negative ? formatted.slice(1) : formatted
  const code = currencyCode.toLowerCase()
  const symbol = CURRENCY_SYMBOLS[code]
  const sign = negative ? "-" : ""
  if (locale === "de") {
    return `${sign}${digits} ${symbol ?? code.toUpperCase()}`
  }
  return symbol ? `${sign}${symbol}${digits}` : `${sign}${code.toUpperCase()} ${digits}`
}

/** "19" → "19 %" (de) / "19%" (en); "5.5" → "5,5 %" / "5.5%". */
export function formatPercent(value: string, locale: DocumentLocale, field = "tax rate"): string {
  const formatted = formatDecimal(value, locale, { field })
  return locale === "de" ? `${formatted} %` : `${formatted}%`
}

/** True when the decimal string is greater than zero (no float conversion). */
export function isPositiveDecimal(value: string): boolean {
  const parsed = parseDecimal(value, "amount")
  return !parsed.negative && !(/^0*$/.test(parsed.integer) && parsed.fraction === "")
}

export function isZeroDecimal(value: string): boolean {
  const parsed = parseDecimal(value, "amount")
  return /^0*$/.test(parsed.integer) && parsed.fraction === ""
}

const MONTHS_EN = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

/**
 * de: "04.12.2026"; en: "04 Dec 2026" (day-month-year with an English month
 * abbreviation, unambiguous for both British and American readers).
 */
export function formatDate(value: string, locale: DocumentLocale, field = "date"): string {
  assertIsoDate(value, field)
  const [year, month, day] = value.split("-")
  return locale === "de" ? `${day}.${month}.${year}` : `${day} ${MONTHS_EN[Number(month) - 1]} ${year}`
}

/** "DE89370400440532013000" → "DE89 3704 0044 0532 0130 00". */
export function formatIban(iban: string): string {
  return iban
    .replace(/\s+/g, "")
    .toUpperCase()
    .replace(/(.{4})(?=.)/g, "$1 ")
}

const WIN_ANSI_EXTRA = new Set([
  0x20ac, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x017d,
  0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0x017e,
  0x0178,
])

const FALLBACKS: Record<string, string> = {
  "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ı": "i", "ħ": "h", "Ħ": "H", "ŀ": "l", "Ŀ": "L",
  "\u2212": "-", "\u2010": "-", "\u2011": "-", "\u00ad": "",
  "\u2007": " ", "\u2009": " ", "\u202f": " ", "\u200b": "",
  "\u201f": "\"", "\u201b": "'", "\u2032": "'", "\u2033": "\"",
}

function isWinAnsi(code: number): boolean {
  return (code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || WIN_ANSI_EXTRA.has(code)
}

/**
 * pdfkit's built-in Helvetica is WinAnsi-encoded: it covers German umlauts,
 * ß and €, but a character outside the code page would be written as a
 * broken glyph. Such characters are replaced by their base letter ("č" →
 * "c", "ł" → "l") or, failing that, by "?". Tabs and line breaks become
 * spaces.
 */
export function toWinAnsi(text: string): string {
  let out = ""
  for (const char of text.replace(/[\t\r\n]+/g, " ")) {
    const code = char.codePointAt(0) ?? 0
    if (isWinAnsi(code)) {
      out += char
      continue
    }
    if (char in FALLBACKS) {
      out += FALLBACKS[char]
      continue
    }
    const base = char.normalize("NFD").replace(/[\u0300-\u036f]/g, "")
    if (base.length > 0 && [...base].every((c) => isWinAnsi(c.codePointAt(0) ?? 0))) {
      out += base
    } else if (code >= 0x20) {
      out += "?"
    }
  }
  return out
}
