import { Api } from "./catalog"
import { AuthHeaders } from "./http"

/** One transaction of a camt entry; a credit's counterparty is the debtor, a debit's the creditor. */
export interface CamtTransaction {
  amount: string
  end_to_end_id?: string | null
  mandate_id?: string | null
  remittance?: string | null
  structured_reference?: string | null
  name?: string | null
  iban?: string | null
  return_reason?: string | null
  fee?: string | null
}

export interface CamtEntry extends Partial<CamtTransaction> {
  amount: string
  direction: "credit" | "debit"
  booking_date: string
  /** The bank's reference (NtryRef); none when omitted. */
  reference?: string | null
  reversal?: boolean
  pending?: boolean
  /** A batch entry: one TxDtls each (their amounts must add up to `amount`). */
  transactions?: CamtTransaction[]
}

export interface CamtStatement {
  account_iban: string
  currency?: string
  id?: string
  entries: CamtEntry[]
}

const escape = (value: string) => value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")
const tag = (name: string, value: string | null | undefined) => (value === null || value === undefined ? "" : `<${name}>${escape(value)}</${name}>`)

function transactionXml(transaction: CamtTransaction, direction: "credit" | "debit", currency: string): string {
  const party = direction === "credit" ? "Dbtr" : "Cdtr"
  return [
    "<TxDtls>",
    `<Refs>${tag("EndToEndId", transaction.end_to_end_id ?? "NOTPROVIDED")}${tag("MndtId", transaction.mandate_id)}</Refs>`,
    `<Amt Ccy="${currency}">${transaction.amount}</Amt><CdtDbtInd>${direction === "credit" ? "CRDT" : "DBIT"}</CdtDbtInd>`,
    transaction.fee ? `<Chrgs><TtlChrgsAndTaxAmt Ccy="${currency}">${transaction.fee}</TtlChrgsAndTaxAmt></Chrgs>` : "",
    transaction.name || transaction.iban
      ? `<RltdPties>${transaction.name ? `<${party}><Pty>${tag("Nm", transaction.name)}</Pty></${party}>` : ""}${
          transaction.iban ? `<${party}Acct><Id>${tag("IBAN", transaction.iban)}</Id></${party}Acct>` : ""
        }</RltdPties>`
      : "",
    transaction.remittance || transaction.structured_reference
      ? `<RmtInf>${tag("Ustrd", transaction.remittance)}${
          transaction.structured_reference ? `<Strd><CdtrRefInf>${tag("Ref", transaction.structured_reference)}</CdtrRefInf></Strd>` : ""
        }</RmtInf>`
      : "",
    transaction.return_reason ? `<RtrInf><Rsn>${tag("Cd", transaction.return_reason)}</Rsn></RtrInf>` : "",
    "</TxDtls>",
  ].join("")
}

function entryXml(entry: CamtEntry, currency: string): string {
  const transactions = entry.transactions ?? [entry]
  return [
    "<Ntry>",
    `<Amt Ccy="${currency}">${entry.amount}</Amt><CdtDbtInd>${entry.direction === "credit" ? "CRDT" : "DBIT"}</CdtDbtInd>`,
    entry.reversal ? "<RvslInd>true</RvslInd>" : "",
    `<Sts><Cd>${entry.pending ? "PDNG" : "BOOK"}</Cd></Sts>`,
    `<BookgDt><Dt>${entry.booking_date}</Dt></BookgDt><ValDt><Dt>${entry.booking_date}</Dt></ValDt>`,
    tag("NtryRef", entry.reference),
    `<BkTxCd><Domn><Cd>PMNT</Cd><Fmly><Cd>${entry.direction === "credit" ? "RCDT" : "RDDT"}</Cd><SubFmlyCd>${
      entry.return_reason ? "UPDD" : "ESCT"
    }</SubFmlyCd></Fmly></Domn></BkTxCd>`,
    `<NtryDtls>${transactions.map((t) => transactionXml(t, entry.direction, currency)).join("")}</NtryDtls>`,
    "</Ntry>",
  ].join("")
}

/** A camt.053.001.08 document with one statement per element of `statements` (plain, as a bank writes it). */
export function camt053(statements: CamtStatement[], messageId = "MSG-TEST-1"): string {
  const body = statements
    .map((statement, index) => {
      const currency = statement.currency ?? "EUR"
      return [
        "<Stmt>",
        tag("Id", statement.id ?? `STMT-${index + 1}`),
        `<Acct><Id>${tag("IBAN", statement.account_iban)}</Id>${tag("Ccy", currency)}</Acct>`,
        statement.entries.map((entry) => entryXml(entry, currency)).join("\n"),
        "</Stmt>",
      ].join("\n")
    })
    .join("\n")
  return `<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08">
<BkToCstmrStmt><GrpHdr>${tag("MsgId", messageId)}<CreDtTm>2026-03-31T22:00:00</CreDtTm></GrpHdr>
${body}
</BkToCstmrStmt>
</Document>
`
}

export const base64 = (content: string | Buffer) => (typeof content === "string" ? Buffer.from(content, "utf8") : content).toString("base64")

export async function registerBankAccount(api: Api, auth: AuthHeaders, iban: string, currency = "EUR", name = "Main account") {
  const res = await api.post("/admin/billing/bank/accounts", { iban, name, currency_code: currency }, auth)
  return res.data.bank_account
}

/** Uploads a statement file; `content` as text (UTF-8) or bytes. Resolves with `{ import, matching }`. */
export async function uploadStatement(api: Api, auth: AuthHeaders, fileName: string, content: string | Buffer, extra: Record<string, unknown> = {}) {
  const res = await api.post("/admin/billing/bank/statements", { file_name: fileName, content_base64: base64(content), ...extra }, auth)
  return res.data as { import: any; matching: any }
}

export async function bankTransactions(api: Api, auth: AuthHeaders, query = "") {
  const res = await api.get(`/admin/billing/bank/transactions?limit=200${query ? `&${query}` : ""}`, auth)
  return res.data.bank_transactions as any[]
}

/** Counts of what the bank area stored (to show that a refused upload stored nothing). */
export async function bankCounts(api: Api, auth: AuthHeaders) {
  const statements = (await api.get("/admin/billing/bank/statements", auth)).data.count
  const transactions = (await api.get("/admin/billing/bank/transactions?limit=1", auth)).data.count
  return { statements, transactions }
}
