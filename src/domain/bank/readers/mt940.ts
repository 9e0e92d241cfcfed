import { isIsoDate, toDayNumber } from "../../calendar-date"
import { negateAmount, sumAmounts } from "../../money"
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
  signedAmount,
  type TextEncoding,
} from "./fields"

/**
 * SWIFT MT940 as German banks write it (DFÜ-Abkommen Anlage 3): :20: :25: :28C: :60F/M: (:61: :86:)*
 * :62F/M:, with the structured :86: (GVC, ?00 booking text, ?20–?29/?60–?63 purpose with SEPA keywords,
 * ?30–?34 counterparty). Several statements per file, separated by "-" lines.
 */

export interface Mt940ReadOptions {
  /** Currency of statements that carry no :60:/:62: balance (MT940 names the currency only there). */
  currency?: string
  /** Byte encoding; default Windows-1252. Input that is valid UTF-8 (and not plain ASCII) is read as UTF-8. */
  encoding?: TextEncoding
}

interface Field {
  tag: string
  lines: string[]
  line: number
}

const MT940_SYNTAX = { decimal_separator: ",", grouping: false, signed: false } as const

const TAG = /^:(\d{2}[A-Z]?|NS):(.*)$/

/** Splits the text into statements of tagged fields; continuation lines belong to the field above. */
function tokenize(text: string): Field[][] {
  const lines = text
    .replace(/\r\n?/g, "\n")
    // SWIFT envelope blocks {1:…}{2:…}{3:{…}}{4: … -}{5:…}; removed in place so line numbers stay true.
    .replace(/\{[1-35]:(?:[^{}\n]|\{[^{}\n]*\})*\}/g, "")
    .replace(/\{4:/g, "")
    .replace(/^-\}/gm, "-")
    .split("\n")
  const statements: Field[][] = []
  let statement: Field[] | null = null
  let field: Field | null = null
  for (let index = 0; index < lines.length; index++) {
    let line = lines[index]
    let lineNumber = index + 1
    // Some Sparkassen break a tag's leading colon onto a line of its own (":" then "86:…").
    if (line.trim() === ":" && index + 1 < lines.length && /^(\d{2}[A-Z]?|NS):/.test(lines[index + 1])) {
      index++
      line = `:${lines[index]}`
      lineNumber = index + 1
    }
    const tag = TAG.exec(line)
    if (tag) {
      if (tag[1] === "20" || statement === null) {
        statement = []
        statements.push(statement)
      }
      field = { tag: tag[1], lines: [tag[2]], line: lineNumber }
      statement.push(field)
    } else if (line.trim() === "-") {
      statement = null
      field = null
    } else if (line.trim() !== "" && field) {
      field.lines.push(line)
    }
    // Anything else (bank headers such as "940 00" before :20:, blank lines) carries no data.
  }
  return statements
}

function fieldText(field: Field): string {
  return field.lines.join("").trim()
}

function swiftDate(yymmdd: string, location: string, what: string): string {
  const [year, month, day] = [0, 2, 4].map((start) => Number(yymmdd.slice(start, start + 2)))
  const date = isoDate(fullYear(year), month, day)
  if (!isIsoDate(date)) {
    throw new BankStatementError(`${what} "${yymmdd}" is not a date`, location)
  }
  return date
}

interface Balance {
  amount: string
  currency: string
  date: string
}

function readBalance(field: Field): Balance {
  const location = `line ${field.line}`
  const content = fieldText(field)
  const match = /^([CD])(\d{6})([A-Za-z]{3})(\d[\d,]*)$/.exec(content)
  if (!match) {
    throw new BankStatementError(`:${field.tag}: balance "${content}" cannot be read`, location)
  }
  const parsed = parseAmount(match[4], MT940_SYNTAX, "balance", location)
  return {
    amount: signedAmount({ negative: match[1] === "D" && parsed.amount !== "0.00", amount: parsed.amount }),
    currency: normaliseCurrency(match[3], location),
    date: swiftDate(match[2], location, "balance date"),
  }
}

/** The entry date (MMDD) in the year that puts it nearest the value date: 31 Dec value, 02 Jan booking. */
function entryDate(valueDate: string, mmdd: string, location: string): string {
  const year = Number(valueDate.slice(0, 4))
  const month = Number(mmdd.slice(0, 2))
  const day = Number(mmdd.slice(2, 4))
  const candidates = [year - 1, year, year + 1]
    .map((candidate) => isoDate(candidate, month, day))
    .filter((date) => isIsoDate(date))
  if (candidates.length === 0) {
    throw new BankStatementError(`:61: entry date "${mmdd}" is not a date`, location)
  }
  const distance = (date: string) => Math.abs(toDayNumber(date) - toDayNumber(valueDate))
  return candidates.reduce((best, date) => (distance(date) < distance(best) ? date : best))
}

interface StatementLine {
  value_date: string
  booking_date: string
  direction: BankDirection
  reversal: boolean
  amount: string
  transaction_type: string
  bank_reference: string | null
  supplementary_details: string
}

// value date, [entry date], D/C/RD/RC, [funds code], [line break some Sparkassen put here], amount,
// transaction type, customer reference, [//bank reference], [line break, supplementary details]
const STATEMENT_LINE =
  /^(\d{6})(\d{4})?(RC|RD|C|D)([A-Z])?\n?(\d[\d,]*)([A-Z][A-Z0-9]{3})([^\n]*?)(?:\/\/([^\n]*))?(?:\n([\s\S]*))?$/

function readStatementLine(field: Field): StatementLine {
  const location = `line ${field.line}`
  const content = field.lines.map((line) => line.trimEnd()).join("\n").trim()
  const match = STATEMENT_LINE.exec(content)
  if (!match) {
    throw new BankStatementError(`:61: cannot be read ("${field.lines[0].trim()}")`, location)
  }
  const [, value, entry, mark, , amount, type, , bankReference, details] = match
  const valueDate = swiftDate(value, location, ":61: value date")
  const bankRef = nonEmpty(bankReference)
  return {
    value_date: valueDate,
    booking_date: entry ? entryDate(valueDate, entry, location) : valueDate,
    // RC reverses a credit, so it is a debit; RD reverses a debit, so it is a credit.
    direction: mark === "C" || mark === "RD" ? "credit" : "debit",
    reversal: mark.startsWith("R"),
    amount: parseAmount(amount, MT940_SYNTAX, "amount", location).amount,
    transaction_type: type,
    bank_reference: bankRef && bankRef.toUpperCase() !== "NONREF" ? bankRef : null,
    supplementary_details: joinText([details]),
  }
}

const SEPA_KEYWORD = /(EREF|KREF|MREF|CRED|DEBT|SVWZ|ABWA|ABWE|IBAN|BIC|OAMT|COAM)\+/g

/** Splits the joined purpose at the SEPA keywords; text before the first keyword is returned as "". */
function sepaFields(purpose: string): Map<string, string> {
  const fields = new Map<string, string>()
  const matches = [...purpose.matchAll(SEPA_KEYWORD)]
  if (matches.length === 0) {
    return fields
  }
  fields.set("", purpose.slice(0, matches[0].index))
  matches.forEach((match, index) => {
    const end = index + 1 < matches.length ? matches[index + 1].index : purpose.length
    if (!fields.has(match[1])) {
      fields.set(match[1], purpose.slice((match.index ?? 0) + match[0].length, end).trim())
    }
  })
  return fields
}

/**
 * DK return codes in ?34 (Textschlüsselergänzung, DFÜ-Abkommen Anlage 3) of returned SEPA payments, mapped
 * to ISO reasons as banks' code lists publish them; 912 = objection by the payer is also Commerzbank's own
 * example. Codes the available lists map inconsistently (905, 911, 914, 916–918) stay unmapped: a wrong
 * reason would send dunning down the wrong path, no reason leaves it to a person.
 */
const DK_RETURN_REASONS: Record<string, string> = {
  "901": "AC01",
  "902": "AC04",
  "903": "AC06",
  "904": "AG01",
  "906": "AM04",
  "907": "AM05",
  "908": "BE04",
  "909": "MD01",
  "910": "MD02",
  "912": "MD06",
  "913": "MD07",
  "915": "RC01",
}

/** ISO 20022 reason codes of SEPA R-transactions (returns, refunds, rejects). */
const ISO_RETURN_REASONS = [
  "AC01", "AC04", "AC06", "AC13", "AG01", "AG02", "AM04", "AM05", "BE04", "BE05", "CNOR", "DNOR", "FF01", "FF05",
  "MD01", "MD02", "MD06", "MD07", "MS02", "MS03", "RC01", "RR01", "RR02", "RR03", "RR04", "SL01", "FOCR", "DUPL",
  "TECH", "FRAD", "CUST", "UPAY",
]

const ISO_RETURN_REASON = new RegExp(`\\b(${ISO_RETURN_REASONS.join("|")})\\b`)

/** GVC 109: returned SEPA direct debit (Lastschriftretoure); 159: returned SEPA credit transfer (Retoure). */
const RETURN_GVCS = new Set(["109", "159"])

const RETURN_WORDS = /RTRN|RETOURE|R(?:UE|Ü)CK(?:LASTSCHRIFT|BELASTUNG|GABE|(?:UE|Ü)BERWEISUNG)/i

interface Details {
  gvc: string | null
  remittance_text: string
  end_to_end_id: string | null
  mandate_id: string | null
  creditor_id: string | null
  counterparty_name: string | null
  counterparty_iban: string | null
  counterparty_bic: string | null
  return_reason: string | null
  original_amount: string | null
}

const NO_DETAILS: Omit<Details, "remittance_text"> = {
  gvc: null,
  end_to_end_id: null,
  mandate_id: null,
  creditor_id: null,
  counterparty_name: null,
  counterparty_iban: null,
  counterparty_bic: null,
  return_reason: null,
  original_amount: null,
}

function returnReason(gvc: string, textKeyExtension: string | null, texts: string): string | null {
  const extension = textKeyExtension?.trim() ?? ""
  const direct = ISO_RETURN_REASON.exec(extension)?.[1] ?? DK_RETURN_REASONS[extension.slice(0, 3)]
  if (direct) {
    return direct
  }
  const isReturn = RETURN_GVCS.has(gvc) || /^9\d\d/.test(extension) || RETURN_WORDS.test(texts)
  return isReturn ? (ISO_RETURN_REASON.exec(texts)?.[1] ?? null) : null
}

/** "50,00" or "1.050,00 EUR" from OAMT+ (original amount of a returned payment); null when unreadable. */
function originalAmount(raw: string | undefined): string | null {
  const number = raw ? /^\s*(\d[\d.]*(?:,\d+)?)/.exec(raw)?.[1] : undefined
  if (!number) {
    return null
  }
  try {
    return parseAmount(number, { decimal_separator: ",", grouping: true, signed: false }, "OAMT+", "").amount
  } catch {
    return null
  }
}

function readDetails(field: Field): Details {
  // Continuation lines are cut at a fixed width, often mid-word or mid-"?2" marker: join without spaces.
  const joined = field.lines.join("")
  const structured = /^\s*(\d{3})\?/.exec(joined)
  if (!structured) {
    return { ...NO_DETAILS, remittance_text: joinText(field.lines) }
  }
  const gvc = structured[1]
  const parts = joined.slice(structured[0].length - 1).split(/\?(\d{2})/)
  const purpose: string[] = []
  const subfields = new Map<string, string>()
  for (let index = 1; index + 1 < parts.length; index += 2) {
    const code = parts[index]
    const value = parts[index + 1]
    const number = Number(code)
    if ((number >= 20 && number <= 29) || (number >= 60 && number <= 63)) {
      purpose.push(value)
    } else {
      subfields.set(code, (subfields.get(code) ?? "") + value)
    }
  }
  const purposeText = purpose.join("")
  const sepa = sepaFields(purposeText)
  const remittance = sepa.size === 0 ? purposeText : (sepa.get("SVWZ") ?? sepa.get("") ?? "")
  const name = joinText([(subfields.get("32") ?? "") + (subfields.get("33") ?? "")])
  return {
    gvc,
    remittance_text: joinText([remittance]),
    end_to_end_id: endToEndId(sepa.get("EREF")),
    mandate_id: nonEmpty(sepa.get("MREF")),
    creditor_id: nonEmpty(sepa.get("CRED")),
    counterparty_name: name || null,
    counterparty_iban:
      ibanOrNull(subfields.get("31")) ?? ibanOrNull(subfields.get("38")) ?? ibanOrNull(sepa.get("IBAN")),
    counterparty_bic: bicOrNull(subfields.get("30")) ?? bicOrNull(sepa.get("BIC")),
    return_reason: returnReason(gvc, subfields.get("34") ?? null, `${subfields.get("00") ?? ""} ${purposeText}`),
    original_amount: originalAmount(sepa.get("OAMT")),
  }
}

/** A returned payment's entry amount includes the bank's fee; OAMT+ names the original amount. */
function feeAmount(amount: string, original: string | null): string | null {
  if (original === null) {
    return null
  }
  const fee = sumAmounts([amount, negateAmount(original)])
  return fee.startsWith("-") || fee === "0.00" ? null : fee
}

function readEntry(statementLine: Field, detailsField: Field | null, currency: string): BankEntry {
  const line = readStatementLine(statementLine)
  const details = detailsField
    ? readDetails(detailsField)
    : { ...NO_DETAILS, remittance_text: line.supplementary_details }
  const transaction: BankTransaction = {
    amount: line.amount,
    direction: line.direction,
    end_to_end_id: details.end_to_end_id,
    mandate_id: details.mandate_id,
    creditor_id: details.creditor_id,
    account_servicer_reference: line.bank_reference,
    remittance_text: details.remittance_text,
    structured_reference: null,
    counterparty_name: details.counterparty_name,
    counterparty_iban: details.counterparty_iban,
    counterparty_bic: details.counterparty_bic,
    return_reason: details.return_reason,
    fee_amount: feeAmount(line.amount, details.original_amount),
  }
  return {
    entry_reference: line.bank_reference,
    booking_date: line.booking_date,
    value_date: line.value_date,
    amount: line.amount,
    direction: line.direction,
    currency,
    reversal: line.reversal,
    status: "booked",
    bank_transaction_code: details.gvc ?? line.transaction_type,
    transactions: [transaction],
  }
}

/** :25: is "BLZ/account number", "BIC/IBAN" or a bare IBAN. */
function readAccount(field: Field | undefined): { iban: string | null; other: string | null } {
  const account = field ? nonEmpty(fieldText(field)) : null
  if (account === null) {
    return { iban: null, other: null }
  }
  const iban = ibanOrNull(account.split("/").pop())
  return iban ? { iban, other: null } : { iban: null, other: account }
}

function readStatement(fields: Field[], index: number, options: Mt940ReadOptions): BankStatement {
  const byTag = (...tags: string[]) => fields.filter((field) => tags.includes(field.tag))
  const openings = byTag("60F", "60M", "60")
  const closings = byTag("62F", "62M", "62")
  const opening = openings.length > 0 ? readBalance(openings[0]) : null
  const closingField = byTag("62F")[0] ?? closings[closings.length - 1]
  const closing = closingField ? readBalance(closingField) : null
  const location = `line ${fields[0].line}`
  const lines: { statement: Field; details: Field | null }[] = []
  fields.forEach((field, position) => {
    if (field.tag === "61") {
      lines.push({ statement: field, details: null })
    } else if (field.tag === "86" && fields[position - 1]?.tag === "61") {
      lines[lines.length - 1].details = field
    }
    // An :86: after a balance is statement-level information, not part of a transaction.
  })
  if (lines.length === 0 && opening === null && closing === null) {
    throw new BankStatementError(`statement ${index + 1} has neither :61: entries nor :60:/:62: balances`, location)
  }
  const rawCurrency = opening?.currency ?? closing?.currency ?? options.currency
  if (!rawCurrency) {
    throw new BankStatementError(
      `statement ${index + 1} has no :60:/:62: balance to name its currency; pass the currency as an option`,
      location
    )
  }
  const currency = normaliseCurrency(rawCurrency, location)
  const account = readAccount(byTag("25")[0])
  const reference = byTag("20")[0]
  const number = byTag("28C", "28")[0]
  return {
    format: "mt940",
    message_id: reference ? nonEmpty(fieldText(reference)) : null,
    statement_id: number ? nonEmpty(fieldText(number)) : null,
    account_iban: account.iban,
    account_other_id: account.other,
    currency,
    opening_balance: opening?.amount ?? null,
    closing_balance: closing?.amount ?? null,
    from_date: opening?.date ?? null,
    to_date: closing?.date ?? null,
    entries: lines.map((line) => readEntry(line.statement, line.details, currency)),
  }
}

/** Reads an MT940 file (bytes in Windows-1252, or text): one BankStatement per :20: block. */
export function readMt940Statement(input: Buffer | string, options: Mt940ReadOptions = {}): BankStatement[] {
  const text = decodeText(input, options.encoding ?? "windows-1252", true)
  if (text.trim() === "") {
    throw new BankStatementError("empty file")
  }
  const statements = tokenize(text)
  if (statements.length === 0) {
    throw new BankStatementError("no MT940 statement found (no :20:, :60F: or :61: field)")
  }
  return statements.map((fields, index) => readStatement(fields, index, options))
}
