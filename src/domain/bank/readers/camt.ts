import { XMLParser, XMLValidator } from "fast-xml-parser"
import * as iconv from "iconv-lite"
import { isIsoDate } from "../../calendar-date"
import { sumAmounts } from "../../money"
import type { BankDirection, BankEntry, BankStatement, BankStatementFormat, BankTransaction } from "../types"
import { BankStatementError } from "./bank-statement-error"
import {
  bicOrNull,
  endToEndId,
  ibanOrNull,
  joinText,
  nonEmpty,
  normaliseCurrency,
  parseAmount,
  signedAmount,
} from "./fields"

/**
 * camt.053 (bank to customer statement) and camt.054 (debit/credit notification) in versions 001.02,
 * 001.04 and 001.08. Real bank files break the XSD (element order, missing elements, other namespace
 * versions), so elements are found by local name wherever they sit, never validated against a schema.
 */

interface XmlElement {
  [name: string]: XmlElement[] | string
}

const CAMT_SYNTAX = { decimal_separator: ".", grouping: false, signed: true } as const

const MESSAGE_KINDS: { element: string; record: string; format: BankStatementFormat }[] = [
  { element: "BkToCstmrStmt", record: "Stmt", format: "camt.053" },
  { element: "BkToCstmrDbtCdtNtfctn", record: "Ntfctn", format: "camt.054" },
]

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@_",
  removeNSPrefix: true,
  // Keep every value a string: "000000001" is a reference, not the number 1.
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  alwaysCreateTextNode: true,
  isArray: (_name, _path, _isLeaf, isAttribute) => !isAttribute,
  ignoreDeclaration: true,
  ignorePiTags: true,
})

function children(element: XmlElement | undefined, name: string): XmlElement[] {
  const value = element?.[name]
  return Array.isArray(value) ? value : []
}

function first(element: XmlElement | undefined, ...path: string[]): XmlElement | undefined {
  let current = element
  for (const name of path) {
    current = children(current, name)[0]
    if (!current) {
      return undefined
    }
  }
  return current
}

function text(element: XmlElement | undefined, ...path: string[]): string | null {
  const value = first(element, ...path)?.["#text"]
  return typeof value === "string" ? nonEmpty(value) : null
}

function attribute(element: XmlElement | undefined, name: string): string | null {
  const value = element?.[`@_${name}`]
  return typeof value === "string" ? nonEmpty(value) : null
}

function decodeXml(input: Buffer | string): string {
  if (typeof input === "string") {
    return input.replace(/^\uFEFF/, "")
  }
  const prolog = input.subarray(0, 200).toString("latin1")
  const declared = /^(?:\uFEFF)?<\?xml[^>]*encoding\s*=\s*["']([^"']+)["']/i.exec(prolog)
  const encoding = declared?.[1].toLowerCase()
  if (encoding && encoding !== "utf-8" && encoding !== "utf8" && iconv.encodingExists(encoding)) {
    return iconv.decode(input, encoding)
  }
  return input.toString("utf8").replace(/^\uFEFF/, "")
}

/** Local name and namespace of the root element, read from the text so that broken XML can still be named. */
function sniffRoot(xml: string): { name: string; namespace: string | null } | null {
  const start = /<(?![?!])(?:([\w.-]+):)?([\w.-]+)([^>]*)>/.exec(xml)
  if (!start) {
    return null
  }
  const [, prefix, name, attributes] = start
  const declaration = prefix ? `xmlns:${prefix}` : "xmlns"
  const namespace = new RegExp(`${declaration}\\s*=\\s*["']([^"']*)["']`).exec(attributes)
  return { name, namespace: namespace?.[1] ?? null }
}

function describeRoot(root: { name: string; namespace: string | null }, child?: string): string {
  const name = child ? `${root.name}/${child}` : root.name
  return root.namespace ? `root element ${name}, namespace ${root.namespace}` : `root element ${name}`
}

function notCamt(description: string): BankStatementError {
  return new BankStatementError(`not a camt.053/camt.054 document (${description})`)
}

function parseDocument(xml: string): XmlElement {
  if (xml.trim() === "") {
    throw new BankStatementError("empty file")
  }
  const root = sniffRoot(xml)
  if (!root) {
    throw notCamt("no XML element found")
  }
  if (!["Document", ...MESSAGE_KINDS.map((kind) => kind.element)].includes(root.name)) {
    throw notCamt(describeRoot(root))
  }
  // Bank statements never need a DTD; refusing one rules out entity expansion attacks.
  if (/<!DOCTYPE/i.test(xml)) {
    throw new BankStatementError("camt document must not contain a DOCTYPE declaration")
  }
  const validation = XMLValidator.validate(xml)
  if (validation !== true) {
    throw new BankStatementError(`not well-formed XML: ${validation.err.msg}`, `line ${validation.err.line}`)
  }
  const document = parser.parse(xml) as XmlElement
  const container = first(document, "Document") ?? document
  if (first(container, "BkToCstmrAcctRpt")) {
    throw new BankStatementError("camt.052 account reports are not supported, only camt.053 and camt.054")
  }
  if (!MESSAGE_KINDS.some((kind) => first(container, kind.element))) {
    const child = Object.keys(container).find((key) => !key.startsWith("@_") && key !== "#text")
    throw notCamt(describeRoot(root, root.name === "Document" ? child : undefined))
  }
  return container
}

function readAmount(element: XmlElement | undefined, location: string, what = "amount"): string {
  const raw = element?.["#text"]
  if (typeof raw !== "string" || raw.trim() === "") {
    throw new BankStatementError(`${what} is missing`, location)
  }
  const parsed = parseAmount(raw, CAMT_SYNTAX, what, location)
  if (parsed.negative) {
    throw new BankStatementError(`${what} "${raw}" must not be negative (CdtDbtInd carries the sign)`, location)
  }
  return parsed.amount
}

function badIndicator(indicator: string | null, location: string): BankStatementError {
  const problem = indicator === null ? "is missing" : `"${indicator}" is neither CRDT nor DBIT`
  return new BankStatementError(`credit/debit indicator ${problem}`, `${location}/CdtDbtInd`)
}

function readDirection(element: XmlElement, location: string): BankDirection {
  const indicator = text(element, "CdtDbtInd")
  if (indicator === "CRDT") {
    return "credit"
  }
  if (indicator === "DBIT") {
    return "debit"
  }
  throw badIndicator(indicator, location)
}

/** Dt or DtTm; of a date-time only the date the bank wrote counts, in the bank's own zone. */
function readDate(element: XmlElement | undefined, location: string): string | null {
  const raw = text(element, "Dt") ?? text(element, "DtTm") ?? text(element)
  if (raw === null) {
    return null
  }
  const date = raw.slice(0, 10)
  if (!isIsoDate(date)) {
    throw new BankStatementError(`date "${raw}" is not a date`, location)
  }
  return date
}

function bankTransactionCode(element: XmlElement | undefined): string | null {
  const domain = text(element, "Domn", "Cd")
  if (domain) {
    const family = text(element, "Domn", "Fmly", "Cd")
    const subFamily = text(element, "Domn", "Fmly", "SubFmlyCd")
    return [domain, family, subFamily].filter((part) => part !== null).join("/")
  }
  return text(element, "Prtry", "Cd")
}

/** Total charges of an entry or transaction: the stated total, else the sum of the single charges. */
function readCharges(element: XmlElement, location: string): string | null {
  const charges = children(element, "Chrgs")
  const total = charges.map((charge) => first(charge, "TtlChrgsAndTaxAmt")).find((amount) => amount)
  if (total) {
    return readAmount(total, `${location}/Chrgs/TtlChrgsAndTaxAmt`, "charges")
  }
  // v02 repeats Chrgs with an Amt each; v04+ nests records in Chrgs/Rcrd.
  const amounts = charges.flatMap((charge) => [
    ...children(charge, "Rcrd").map((record) => first(record, "Amt")),
    first(charge, "Amt"),
  ])
  const present = amounts.filter((amount): amount is XmlElement => amount !== undefined)
  if (present.length === 0) {
    return null
  }
  return sumAmounts(present.map((amount) => readAmount(amount, `${location}/Chrgs`, "charges")))
}

interface Party {
  name: string | null
  iban: string | null
  bic: string | null
}

const NO_PARTY: Party = { name: null, iban: null, bic: null }

function readParty(transaction: XmlElement, role: "Dbtr" | "Cdtr"): Party {
  const parties = first(transaction, "RltdPties")
  const account = first(parties, `${role}Acct`, "Id")
  const agent = first(transaction, "RltdAgts", `${role}Agt`, "FinInstnId")
  return {
    name: text(parties, role, "Nm") ?? text(parties, role, "Pty", "Nm"),
    iban: ibanOrNull(text(account, "IBAN")) ?? ibanOrNull(text(account, "Othr", "Id")),
    bic: bicOrNull(text(agent, "BICFI") ?? text(agent, "BIC")),
  }
}

interface OwnAccount {
  iban: string | null
  owner_name: string | null
}

/**
 * The other party is the debtor of a credit and the creditor of a debit. Returned direct debits and some
 * bank files report the original transaction's parties instead (we are the creditor of a debit entry), so
 * a side that is missing or is our own account gives way to the other side.
 */
function pickCounterparty(direction: BankDirection, transaction: XmlElement, own: OwnAccount): Party {
  const debtor = readParty(transaction, "Dbtr")
  const creditor = readParty(transaction, "Cdtr")
  const [expected, other] = direction === "credit" ? [debtor, creditor] : [creditor, debtor]
  const isOwn = (party: Party) =>
    (own.iban !== null && party.iban === own.iban) ||
    (own.owner_name !== null && party.iban === null && party.name?.toLowerCase() === own.owner_name.toLowerCase())
  const isKnown = (party: Party) => party.name !== null || party.iban !== null
  return [expected, other].find((party) => isKnown(party) && !isOwn(party)) ?? NO_PARTY
}

function readCreditorId(transaction: XmlElement): string | null {
  const parties = first(transaction, "RltdPties")
  const identifications = [
    first(parties, "Cdtr", "Pty", "Id", "PrvtId"),
    first(parties, "Cdtr", "Id", "PrvtId"),
    first(parties, "CdtrSchmeId", "Id", "PrvtId"),
    first(transaction, "CdtrSchmeId", "Id", "PrvtId"),
  ]
  for (const identification of identifications) {
    for (const other of children(identification, "Othr")) {
      const scheme = text(other, "SchmeNm", "Prtry") ?? text(other, "SchmeNm", "Cd")
      if (scheme === null || scheme.toUpperCase() === "SEPA") {
        const id = text(other, "Id")
        if (id) {
          return id
        }
      }
    }
  }
  return null
}

function readRemittance(transaction: XmlElement): { text: string; reference: string | null } {
  const remittances = children(transaction, "RmtInf")
  const structured = remittances.flatMap((remittance) => children(remittance, "Strd"))
  const lines = [
    ...remittances.flatMap((remittance) => children(remittance, "Ustrd").map((line) => text(line))),
    ...structured.flatMap((block) => children(block, "AddtlRmtInf").map((line) => text(line))),
  ]
  const reference = structured.map((block) => text(block, "CdtrRefInf", "Ref")).find((ref) => ref !== null) ?? null
  return { text: joinText(lines) || joinText([text(transaction, "AddtlTxInf")]), reference }
}

interface EntryContext {
  amount: string
  currency: string
  direction: BankDirection
  single: boolean
  charges: string | null
  account_servicer_reference: string | null
  own: OwnAccount
}

/** The booked amount of one transaction, in the entry's currency. */
function transactionAmount(transaction: XmlElement, entry: EntryContext, location: string): string {
  const candidates = [
    { element: first(transaction, "Amt"), path: "Amt" },
    { element: first(transaction, "AmtDtls", "TxAmt", "Amt"), path: "AmtDtls/TxAmt/Amt" },
  ].filter((candidate) => candidate.element !== undefined)
  const inEntryCurrency = candidates.find((candidate) => {
    const currency = attribute(candidate.element, "Ccy")
    return currency === null || currency.toUpperCase() === entry.currency
  })
  if (inEntryCurrency) {
    return readAmount(inEntryCurrency.element, `${location}/${inEntryCurrency.path}`)
  }
  if (entry.single) {
    return entry.amount
  }
  // A batch needs a split: a foreign-currency amount is still better than none.
  if (candidates.length > 0) {
    return readAmount(candidates[0].element, `${location}/${candidates[0].path}`)
  }
  throw new BankStatementError("transaction of a batch entry has no amount", location)
}

function readTransaction(transaction: XmlElement, entry: EntryContext, location: string): BankTransaction {
  const counterparty = pickCounterparty(entry.direction, transaction, entry.own)
  const remittance = readRemittance(transaction)
  const returnReason = first(transaction, "RtrInf", "Rsn")
  return {
    amount: transactionAmount(transaction, entry, location),
    // The entry's indicator is the account's view; some files give batch details the payer's view.
    direction: entry.direction,
    end_to_end_id: endToEndId(text(transaction, "Refs", "EndToEndId")),
    mandate_id: text(transaction, "Refs", "MndtId"),
    creditor_id: readCreditorId(transaction),
    account_servicer_reference:
      text(transaction, "Refs", "AcctSvcrRef") ?? (entry.single ? entry.account_servicer_reference : null),
    remittance_text: remittance.text,
    structured_reference: remittance.reference,
    counterparty_name: counterparty.name,
    counterparty_iban: counterparty.iban,
    counterparty_bic: counterparty.bic,
    return_reason: text(returnReason, "Cd") ?? text(returnReason, "Prtry"),
    fee_amount: readCharges(transaction, location) ?? (entry.single ? entry.charges : null),
  }
}

const STATUSES: Record<string, BankEntry["status"]> = {
  BOOK: "booked",
  PDNG: "pending",
  FUTR: "pending",
  RCVD: "pending",
  INFO: "info",
}

function readStatus(entry: XmlElement, location: string): BankEntry["status"] {
  const code = text(entry, "Sts", "Cd") ?? text(entry, "Sts", "Prtry") ?? text(entry, "Sts")
  if (code === null) {
    return "booked"
  }
  const status = STATUSES[code.toUpperCase()]
  if (!status) {
    throw new BankStatementError(`status "${code}" is not BOOK, PDNG, FUTR, RCVD or INFO`, `${location}/Sts`)
  }
  return status
}

function readEntry(entry: XmlElement, statementCurrency: string, own: OwnAccount, location: string): BankEntry {
  const amountElement = first(entry, "Amt")
  const amount = readAmount(amountElement, `${location}/Amt`)
  const currencyCode = attribute(amountElement, "Ccy")
  const currency = currencyCode ? normaliseCurrency(currencyCode, `${location}/Amt`) : statementCurrency
  const direction = readDirection(entry, location)
  const valueDate = readDate(first(entry, "ValDt"), `${location}/ValDt`)
  const bookingDate = readDate(first(entry, "BookgDt"), `${location}/BookgDt`) ?? valueDate
  if (bookingDate === null) {
    throw new BankStatementError("entry has neither a booking date nor a value date", location)
  }
  const details = children(entry, "NtryDtls").flatMap((block) => children(block, "TxDtls"))
  const accountServicerReference = text(entry, "AcctSvcrRef")
  const context: EntryContext = {
    amount,
    currency,
    direction,
    single: details.length <= 1,
    charges: readCharges(entry, location),
    account_servicer_reference: accountServicerReference,
    own,
  }
  const transactions: BankTransaction[] =
    details.length > 0
      ? details.map((detail, index) => readTransaction(detail, context, `${location}/NtryDtls/TxDtls[${index + 1}]`))
      : [
          {
            amount,
            direction,
            end_to_end_id: null,
            mandate_id: null,
            creditor_id: null,
            account_servicer_reference: accountServicerReference,
            remittance_text: joinText([text(entry, "AddtlNtryInf")]),
            structured_reference: null,
            counterparty_name: null,
            counterparty_iban: null,
            counterparty_bic: null,
            return_reason: null,
            fee_amount: context.charges,
          },
        ]
  return {
    entry_reference: text(entry, "NtryRef") ?? accountServicerReference,
    booking_date: bookingDate,
    value_date: valueDate,
    amount,
    direction,
    currency,
    reversal: ["true", "1"].includes(text(entry, "RvslInd")?.toLowerCase() ?? ""),
    status: readStatus(entry, location),
    bank_transaction_code:
      bankTransactionCode(first(entry, "BkTxCd")) ??
      details.map((detail) => bankTransactionCode(first(detail, "BkTxCd"))).find((code) => code !== null) ??
      null,
    transactions,
  }
}

interface Balance {
  amount: string
  date: string | null
}

function readBalances(record: XmlElement, location: string): Map<string, Balance> {
  const balances = new Map<string, Balance>()
  children(record, "Bal").forEach((balance, index) => {
    const where = `${location}/Bal[${index + 1}]`
    const code = text(balance, "Tp", "CdOrPrtry", "Cd") ?? text(balance, "Tp", "CdOrPrtry", "Prtry")
    const rawAmount = first(balance, "Amt")?.["#text"]
    if (typeof rawAmount !== "string" || rawAmount.trim() === "") {
      throw new BankStatementError("balance amount is missing", `${where}/Amt`)
    }
    // A few banks write negative balances instead of DBIT; either way round gives the sign.
    const parsed = parseAmount(rawAmount, CAMT_SYNTAX, "balance", `${where}/Amt`)
    const indicator = text(balance, "CdtDbtInd")
    if (indicator !== null && indicator !== "CRDT" && indicator !== "DBIT") {
      throw badIndicator(indicator, where)
    }
    const negative = parsed.negative !== (indicator === "DBIT") && parsed.amount !== "0.00"
    if (code && !balances.has(code.toUpperCase())) {
      balances.set(code.toUpperCase(), {
        amount: signedAmount({ negative, amount: parsed.amount }),
        date: readDate(first(balance, "Dt"), `${where}/Dt`),
      })
    }
  })
  return balances
}

function readRecord(
  record: XmlElement,
  format: BankStatementFormat,
  messageId: string | null,
  location: string
): BankStatement {
  const accountId = first(record, "Acct", "Id")
  const taggedIban = text(accountId, "IBAN")
  const otherId = text(accountId, "Othr", "Id")
  const accountIban = ibanOrNull(taggedIban) ?? ibanOrNull(otherId)
  const entries = children(record, "Ntry")
  const firstBalanceCurrency = children(record, "Bal")
    .map((balance) => attribute(first(balance, "Amt"), "Ccy"))
    .find((currency) => currency !== null)
  const rawCurrency =
    text(record, "Acct", "Ccy") ?? firstBalanceCurrency ?? attribute(first(entries[0], "Amt"), "Ccy")
  if (rawCurrency === null) {
    throw new BankStatementError("statement names no currency (Acct/Ccy, Bal/Amt/@Ccy or Ntry/Amt/@Ccy)", location)
  }
  const currency = normaliseCurrency(rawCurrency, `${location}/Acct/Ccy`)
  const balances = readBalances(record, location)
  const opening = balances.get("OPBD") ?? balances.get("PRCD") ?? null
  const closing = balances.get("CLBD") ?? null
  const own: OwnAccount = { iban: accountIban, owner_name: text(record, "Acct", "Ownr", "Nm") }
  const bankEntries = entries.map((entry, index) => readEntry(entry, currency, own, `${location}/Ntry[${index + 1}]`))
  if (bankEntries.length === 0 && opening === null && closing === null) {
    throw new BankStatementError("statement has neither entries nor opening/closing balances", location)
  }
  const period = first(record, "FrToDt")
  return {
    format,
    message_id: messageId,
    statement_id: text(record, "Id"),
    account_iban: accountIban,
    account_other_id: accountIban ? null : (otherId ?? taggedIban),
    currency,
    opening_balance: opening?.amount ?? null,
    closing_balance: closing?.amount ?? null,
    from_date: readDate(first(period, "FrDtTm"), `${location}/FrToDt/FrDtTm`) ?? opening?.date ?? null,
    to_date: readDate(first(period, "ToDtTm"), `${location}/FrToDt/ToDtTm`) ?? closing?.date ?? null,
    entries: bankEntries,
  }
}

/** Reads a camt.053 or camt.054 file: one BankStatement per Stmt / Ntfctn. */
export function readCamtStatement(input: Buffer | string): BankStatement[] {
  const container = parseDocument(decodeXml(input))
  for (const kind of MESSAGE_KINDS) {
    const message = first(container, kind.element)
    if (message) {
      const messageId = text(message, "GrpHdr", "MsgId")
      const records = children(message, kind.record)
      if (records.length === 0) {
        throw new BankStatementError(`${kind.format} message contains no ${kind.record} element`, kind.element)
      }
      return records.map((record, index) => readRecord(record, kind.format, messageId, `${kind.record}[${index + 1}]`))
    }
  }
  throw notCamt("no BkToCstmrStmt or BkToCstmrDbtCdtNtfctn element")
}
