/**
 * What every bank statement reader (camt.053/054, MT940, CSV) returns, and what matching consumes.
 * Amounts are decimal strings with two decimals ("123.45"), never floats; dates are ISO "YYYY-MM-DD".
 * `amount` is always positive: `direction` carries the sign, as camt's CdtDbtInd does.
 */
export type BankStatementFormat = "camt.053" | "camt.054" | "mt940" | "csv"

export type BankDirection = "credit" | "debit"

export interface BankStatement {
  format: BankStatementFormat
  /** camt GrpHdr/MsgId; MT940 :20: transaction reference number. */
  message_id: string | null
  /** camt Stmt/Id or Ntfctn/Id; MT940 :28C: statement number. */
  statement_id: string | null
  /** The statement's own account, normalised (no spaces, upper case); null when the file names none. */
  account_iban: string | null
  /** Another account identification when no IBAN is given (MT940 :25: "BLZ/Konto"). */
  account_other_id: string | null
  currency: string
  /** Signed decimal strings ("-12.50" for a debit balance), null when the file has none (camt.054). */
  opening_balance: string | null
  closing_balance: string | null
  from_date: string | null
  to_date: string | null
  entries: BankEntry[]
}

export interface BankEntry {
  /** camt NtryRef or AcctSvcrRef; MT940 bank reference from :61: — may be null. */
  entry_reference: string | null
  booking_date: string
  value_date: string | null
  amount: string
  direction: BankDirection
  currency: string
  /** camt RvslInd / MT940 "RC"/"RD": this entry reverses an earlier one. */
  reversal: boolean
  status: "booked" | "pending" | "info"
  /** camt Domain/Family/SubFamily ("PMNT/RCDT/ESCT") or proprietary code; MT940 GVC ("166"). */
  bank_transaction_code: string | null
  /** One per transaction; a batch entry (camt NtryDtls with several TxDtls) has several. Never empty. */
  transactions: BankTransaction[]
}

export interface BankTransaction {
  amount: string
  direction: BankDirection
  end_to_end_id: string | null
  mandate_id: string | null
  creditor_id: string | null
  account_servicer_reference: string | null
  /** Unstructured remittance information (camt Ustrd lines, MT940 SVWZ+/?20–?29), joined with single spaces. */
  remittance_text: string
  /** Structured creditor reference (camt CdtrRefInf/Ref, e.g. an RF reference). */
  structured_reference: string | null
  /** The other party: debtor for credits, creditor for debits. */
  counterparty_name: string | null
  counterparty_iban: string | null
  counterparty_bic: string | null
  /** ISO return reason (AC04, MD06, MS03, AM04 …) for returned direct debits / transfers. */
  return_reason: string | null
  /** Charges included in the entry (camt Chrgs), positive decimal string. */
  fee_amount: string | null
}
