import { readdirSync, readFileSync } from "fs"
import path from "path"
import { MathBN } from "@medusajs/framework/utils"
import type * as IbanTools from "ibantools" with { "resolution-mode": "import" }
import { BankStatementError } from "../readers"
import type { BankEntry, BankStatement } from "../types"

// ibantools declares ESM-only types; its CommonJS build is loaded with them (see readers/fields.ts).
const ibantools: typeof IbanTools = require("ibantools")
export const { isValidBIC, isValidIBAN } = ibantools

/**
 * Test helpers: where the shared corpora live, and readers for the expected parses that came with them
 * (genkgo/camt's JSON, wolph/mt940's YAML). No YAML library is installed; the few fields needed are read
 * with regular expressions from the YAML text.
 */

export const CORPORA = path.resolve(__dirname, "../../../../test-fixtures/corpora")
export const FIXTURES = path.resolve(__dirname, "fixtures")

export function corpusFiles(folder: "camt" | "mt940", extension: RegExp): string[] {
  return readdirSync(path.join(CORPORA, folder)).filter((file) => extension.test(file)).sort()
}

export function readCorpus(folder: string, file: string): Buffer {
  return readFileSync(path.join(CORPORA, folder, file))
}

export function readFixture(file: string): Buffer {
  return readFileSync(path.join(FIXTURES, file))
}

/** The BankStatementError `run` throws; fails the test when it reads the input or throws anything else. */
export function errorOf(run: () => unknown): BankStatementError {
  try {
    run()
  } catch (error) {
    if (error instanceof BankStatementError) {
      return error
    }
    throw error
  }
  throw new Error("expected a BankStatementError, but the input was read")
}

export function collapse(text: string | null | undefined): string {
  return (text ?? "").replace(/\s+/g, " ").trim()
}

/** "-700" minor units → "7.00"; the sign is returned separately. */
export function minorUnits(value: string): { negative: boolean; amount: string } {
  const negative = value.startsWith("-")
  const digits = value.replace(/^-/, "").padStart(3, "0")
  const units = digits.slice(0, -2).replace(/^0+(?=\d)/, "")
  return { negative, amount: `${units}.${digits.slice(-2)}` }
}

/** "-620.3" → "620.30"; "18500" → "18500.00". */
export function twoDecimals(value: string): { negative: boolean; amount: string } {
  const negative = value.startsWith("-")
  const [units, fraction = ""] = value.replace(/^-/, "").split(".")
  return { negative, amount: `${units}.${fraction.padEnd(2, "0")}` }
}

export function signed(entry: Pick<BankEntry, "amount" | "direction">): string {
  return entry.direction === "debit" ? `-${entry.amount}` : entry.amount
}

/** opening + Σ entries − closing, exactly. */
export function balanceGap(statement: BankStatement): string {
  const booked = statement.entries.filter((entry) => entry.status === "booked").map(signed)
  return MathBN.sub(MathBN.add(statement.opening_balance ?? "0", ...booked), statement.closing_balance ?? "0").toFixed(2)
}

// ---------------------------------------------------------------------------------------------------------
// genkgo/camt expected JSON (a serialised PHP object graph; "__RECURSIVITY__" stands for an object already
// shown, here always the single-value getter next to a list getter).

type Json = { [key: string]: any }

function list(single: Json | null, items: (Json | string)[] | undefined): Json[] {
  return (items ?? []).map((item) => (item === "__RECURSIVITY__" ? single : item)).filter((item): item is Json => !!item)
}

export interface GenkgoParty {
  role: "Creditor" | "Debtor"
  name: string | null
  iban: string | null
}

export interface GenkgoDetail {
  amount: { negative: boolean; amount: string; currency: string } | null
  end_to_end_id: string | null
  mandate_id: string | null
  account_servicer_reference: string | null
  unstructured: string[]
  additional_remittance: string[]
  structured_reference: string | null
  additional_transaction_info: string | null
  parties: GenkgoParty[]
  bics: string[]
}

export interface GenkgoEntry {
  statement_id: string
  index: number
  amount: { negative: boolean; amount: string; currency: string }
  indicator: string
  booking_date: string
  value_date: string | null
  account_servicer_reference: string | null
  reference: string | null
  reversal: boolean
  status: string
  bank_transaction_code: string | null
  additional_info: string
  details: GenkgoDetail[]
}

export interface GenkgoRecord {
  id: string
  account: string
  opening: string | null
  closing: string | null
  from_date: string | null
  to_date: string | null
}

export interface GenkgoExpectation {
  message_id: string
  entries: GenkgoEntry[]
  records: GenkgoRecord[]
}

function money(value: Json): { negative: boolean; amount: string; currency: string } {
  return { ...minorUnits(value.getAmount), currency: value.getCurrency.getCode }
}

function signedMinor(value: Json): string {
  const { negative, amount } = minorUnits(value.getAmount)
  return negative ? `-${amount}` : amount
}

function genkgoCode(code: Json | null): string | null {
  const domain = code?.getDomain
  if (domain) {
    return [domain.getCode, domain.getFamily?.getCode, domain.getFamily?.getSubFamilyCode].filter(Boolean).join("/")
  }
  return code?.getProprietary?.getCode ?? null
}

function creditorReference(remittance: Json | null, block: Json | undefined): string | null {
  const reference = block?.getCreditorReferenceInformation
  return (reference === "__RECURSIVITY__" ? remittance?.getCreditorReferenceInformation : reference)?.getRef ?? null
}

function genkgoDetail(detail: Json): GenkgoDetail {
  const remittance = detail.getRemittanceInformation
  const structured = remittance ? list(remittance.getStructuredBlock, remittance.getStructuredBlocks) : []
  const unstructured = remittance ? list(remittance.getUnstructuredBlock, remittance.getUnstructuredBlocks) : []
  const parties = list(null, detail.getRelatedParties).map((party) => ({
    role: party.getRelatedPartyType.__CLASS__.endsWith("Creditor") ? ("Creditor" as const) : ("Debtor" as const),
    name: party.getRelatedPartyType.getName ?? null,
    iban: party.getAccount?.getIban?.getIban ?? null,
  }))
  return {
    amount: detail.getAmount ? money(detail.getAmount) : null,
    end_to_end_id: detail.getReference?.getEndToEndId ?? null,
    mandate_id: detail.getReference?.getMandateId ?? null,
    account_servicer_reference: detail.getReference?.getAccountServicerReference ?? null,
    unstructured: unstructured.map((block) => block.getMessage),
    additional_remittance: structured.map((block) => block.getAdditionalRemittanceInformation).filter(Boolean),
    structured_reference: creditorReference(remittance, structured[0]),
    additional_transaction_info: detail.getAdditionalTransactionInformation ?? null,
    parties,
    bics: list(detail.getRelatedAgent, detail.getRelatedAgents)
      .map((agent) => agent.getRelatedAgentType?.getBIC)
      .filter(Boolean),
  }
}

export function readGenkgoExpectation(file: string): GenkgoExpectation {
  const json = JSON.parse(readCorpus("camt", file).toString("utf8")) as Json
  const records = new Map<string, GenkgoRecord>()
  const entries = (json.getEntries as Json[]).map((entry) => {
    const record = entry.getRecord
    const balance = (type: string) => (record.getBalances ?? []).find((item: Json) => item.getType === type)
    records.set(record.getId, {
      id: record.getId,
      account: record.getAccount.getIban?.getIban ?? record.getAccount.getIdentification,
      opening: balance("opening") ? signedMinor(balance("opening").getAmount) : null,
      closing: balance("closing") ? signedMinor(balance("closing").getAmount) : null,
      from_date: record.getFromDate?.[0]?.slice(0, 10) ?? null,
      to_date: record.getToDate?.[0]?.slice(0, 10) ?? null,
    })
    return {
      statement_id: record.getId,
      index: entry.getIndex,
      amount: money(entry.getAmount),
      indicator: entry.getCreditDebitIndicator,
      booking_date: entry.getBookingDate[0].slice(0, 10),
      value_date: entry.getValueDate?.[0]?.slice(0, 10) ?? null,
      account_servicer_reference: entry.getAccountServicerReference,
      reference: entry.getReference,
      reversal: entry.getReversalIndicator,
      status: entry.getStatus,
      bank_transaction_code: genkgoCode(entry.getBankTransactionCode),
      additional_info: entry.getAdditionalInfo,
      details: list(entry.getTransactionDetail, entry.getTransactionDetails).map(genkgoDetail),
    }
  })
  return { message_id: json.getGroupHeader.getMessageId, entries, records: [...records.values()] }
}

// ---------------------------------------------------------------------------------------------------------
// wolph/mt940 expected YAML (a pickled mt940.models.Transactions).

export type WolphTransaction = Record<string, string | null>

function unquote(raw: string): string | null {
  const value = raw.trim()
  if (value === "null" || value === "") {
    return value === "null" ? null : ""
  }
  if (value.startsWith("'")) {
    return collapse(value.slice(1, -1).replace(/''/g, "'"))
  }
  if (value.startsWith('"')) {
    const unescaped = value
      .slice(1, -1)
      .replace(/\\x([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)))
      .replace(/\\u([0-9A-Fa-f]{4})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)))
      .replace(/\\t/g, "\t")
      .replace(/\\"/g, '"')
    return collapse(unescaped)
  }
  return collapse(value)
}

function scalar(block: string, key: string, indent: number): string | null | undefined {
  const pad = " ".repeat(indent)
  const match = new RegExp(`\\n${pad}${key}: ((?:[^\\n]*)(?:\\n(?:${pad}  [^\\n]*|))*?)(?=\\n {0,${indent}}\\S|$)`).exec(
    block
  )
  return match ? unquote(match[1]) : undefined
}

/** mt940.models.Date is pickled as 4 bytes: year (2), month, day. */
function date(block: string, key: string, indent: number): string | null {
  const pad = " ".repeat(indent)
  const match = new RegExp(`\\n${pad}${key}: !!python/object/apply:mt940\\.models\\.Date\\n${pad}- !!binary \\|\\n${pad}  (\\S+)`).exec(
    block
  )
  if (!match) {
    return null
  }
  const bytes = Buffer.from(match[1], "base64")
  const pad2 = (value: number) => String(value).padStart(2, "0")
  return `${bytes.readUInt16BE(0)}-${pad2(bytes[2])}-${pad2(bytes[3])}`
}

const TRANSACTION_KEYS = [
  "status",
  "funds_code",
  "id",
  "customer_reference",
  "bank_reference",
  "transaction_code",
  "purpose",
  "transaction_details",
  "applicant_name",
  "applicant_iban",
  "applicant_bin",
  "end_to_end_reference",
  "applicant_creditor_id",
  "additional_position_reference",
  "transaction_reference",
  "extra_details",
]

export function readWolphTransactions(file: string): WolphTransaction[] {
  const yml = readCorpus("mt940", file).toString("utf8")
  return yml
    .split("- !!python/object:mt940.models.Transaction\n")
    .slice(1)
    .map((chunk) => {
      const data = `\n${chunk.split("\n  transactions:")[0]}`
      const transaction: WolphTransaction = {
        amount: /\n {4}amount: !!python\/object:mt940\.models\.Amount\n {6}amount: !!python\/object\/apply:decimal\.Decimal\n {6}- '([^']+)'/.exec(data)?.[1] ?? null,
        date: date(data, "date", 4),
        entry_date: date(data, "entry_date", 4),
      }
      for (const key of TRANSACTION_KEYS) {
        const value = scalar(data, key, 4)
        transaction[key] = value === undefined ? null : value
      }
      return transaction
    })
}

export interface WolphStatement {
  account_identification: string | null
  transaction_reference: string | null
  statement_number: string | null
  opening: { amount: string; currency: string; status: string; date: string | null } | null
  closing: { amount: string; currency: string; status: string; date: string | null } | null
}

function wolphBalance(header: string, key: string): WolphStatement["opening"] {
  const match = new RegExp(
    `\\n  ${key}: !!python/object:mt940\\.models\\.Balance\\n    amount: [^\\n]*\\n      amount: [^\\n]*\\n      - '([^']+)'\\n      currency: (\\w+)\\n`
  ).exec(header)
  if (!match) {
    return null
  }
  const block = header.slice(match.index)
  return {
    amount: match[1],
    currency: match[2],
    status: /\n {4}status: (\w+)/.exec(block)?.[1] ?? "",
    date: date(block, "date", 4),
  }
}

/** The statement-level data wolph keeps: that of the last statement in the file. */
export function readWolphStatement(file: string): WolphStatement {
  const yml = readCorpus("mt940", file).toString("utf8")
  const header = `\n${yml.split("\ntags:")[0]}`
  const value = (key: string) => scalar(header, key, 2) ?? null
  return {
    account_identification: value("account_identification"),
    transaction_reference: value("transaction_reference"),
    statement_number: value("statement_number"),
    opening: wolphBalance(header, "final_opening_balance"),
    closing: wolphBalance(header, "final_closing_balance"),
  }
}
