import { createHash } from "crypto"
import type * as IbanTools from "ibantools" with { "resolution-mode": "import" }
import type { BankEntry, BankStatement, BankTransaction } from "../../domain/bank"
import { normaliseIban } from "../../domain/sepa/bank-account"

// ibantools ships a CommonJS build with ESM-only type declarations (see src/domain/sepa/bank-account.ts).
const { composeIBAN, isValidIBAN }: typeof IbanTools = require("ibantools")

/** What the import does with a transaction: match it to invoices, to the booking it takes back, or look at it once. */
export type BankTransactionKind = "payment" | "return" | "other"

/** A bank transaction as the payment module stores it (amounts are positive decimal strings). */
export interface BankTransactionRow {
  dedupe_key: string
  entry_index: number
  transaction_index: number
  entry_reference: string | null
  booking_date: string
  value_date: string | null
  amount: string
  direction: "credit" | "debit"
  currency_code: string
  reversal: boolean
  bank_transaction_code: string | null
  end_to_end_id: string | null
  mandate_id: string | null
  creditor_id: string | null
  account_servicer_reference: string | null
  remittance_text: string
  structured_reference: string | null
  counterparty_name: string | null
  counterparty_iban: string | null
  counterparty_bic: string | null
  return_reason: string | null
  fee_amount: string | null
  kind: BankTransactionKind
}

export interface StatementRows {
  /** The booked transactions of each statement (same order as given), dedupe keys included. */
  rows: BankTransactionRow[][]
  /** Per statement, entries left out: not booked by the bank yet (pending, information only), or of amount 0. */
  skipped: number[]
}

/**
 * The IBAN of the statement's own account: the one the file names, or one built from a German
 * "bank code/account number" (MT940 `:25:37040044/0532013000`), or an IBAN given as another identification.
 * Null when the file names none that can be turned into an IBAN.
 */
export function statementAccountIban(statement: Pick<BankStatement, "account_iban" | "account_other_id">): string | null {
  if (statement.account_iban) {
    return normaliseIban(statement.account_iban)
  }
  const other = statement.account_other_id?.replace(/\s+/g, "") ?? ""
  const german = /^(\d{8})\/(\d{1,10})$/.exec(other)
  if (german) {
    return composeIBAN({ countryCode: "DE", bban: `${german[1]}${german[2].padStart(10, "0")}` }) ?? null
  }
  const asIban = normaliseIban(other)
  return asIban && isValidIBAN(asIban) ? asIban : null
}

/** How a statement names its account in messages: the IBAN, else what the file wrote. */
export function statementAccountLabel(statement: Pick<BankStatement, "account_iban" | "account_other_id">): string {
  return statementAccountIban(statement) ?? statement.account_other_id ?? "(no account in the file)"
}

function kindOf(entry: BankEntry, transaction: BankTransaction): BankTransactionKind {
  if (transaction.direction === "credit") {
    // A credit that reverses an earlier debit (e.g. a return taken back) pays no invoice.
    return entry.reversal ? "other" : "payment"
  }
  return transaction.return_reason || entry.reversal || transaction.fee_amount ? "return" : "other"
}

/**
 * The dedupe key of a transaction, before its occurrence number. With the bank's entry reference, the key is
 * that reference plus date, amounts and position in the entry (some banks repeat one reference for all
 * entries of a notification, see camt.054 examples). Without a reference it is the content that identifies a
 * payment: date, amounts, direction, counterparty IBAN, end-to-end id, mandate and remittance text.
 */
function baseKey(entry: BankEntry, transaction: BankTransaction, transactionIndex: number): string {
  const common = [entry.booking_date, entry.amount, entry.direction, entry.reversal, transactionIndex, transaction.amount, transaction.direction]
  const parts = entry.entry_reference
    ? ["ref", entry.entry_reference, ...common]
    : [
        "content",
        ...common,
        transaction.counterparty_iban,
        transaction.end_to_end_id,
        transaction.mandate_id,
        transaction.remittance_text.replace(/\s+/g, " ").trim(),
      ]
  return createHash("sha256").update(JSON.stringify(parts)).digest("hex")
}

/**
 * Rows of the booked transactions of the statements of one account (of one file), each with a dedupe key
 * unique per account.
 *
 * Identical entries can legitimately occur twice on one day (the same customer paying the same invoice amount
 * twice with the same text). They get the same base key, so the key adds the occurrence number: the n-th
 * identical entry of the account in this import is `key#n`. Importing the same file again, or a statement
 * that overlaps whole days of an earlier one, gives the same keys and adds nothing; two identical entries stay
 * two rows. The statements of one file are counted together, so a day split across two pages of one file is
 * counted once.
 */
export function statementRows(statements: readonly BankStatement[]): StatementRows {
  const occurrences = new Map<string, number>()
  const rows: BankTransactionRow[][] = statements.map(() => [])
  const skipped = statements.map(() => 0)
  statements.forEach((statement, statementIndex) => {
    statement.entries.forEach((entry, entryIndex) => {
      // A pending entry is booked later, often under another reference: importing it now would import it twice.
      if (entry.status !== "booked" || /^0+(\.0+)?$/.test(entry.amount)) {
        skipped[statementIndex] += 1
        return
      }
      entry.transactions.forEach((transaction, transactionIndex) => {
        const base = baseKey(entry, transaction, transactionIndex)
        const occurrence = occurrences.get(base) ?? 0
        occurrences.set(base, occurrence + 1)
        rows[statementIndex].push({
          dedupe_key: `${base}#${occurrence}`,
          entry_index: entryIndex,
          transaction_index: transactionIndex,
          entry_reference: entry.entry_reference,
          booking_date: entry.booking_date,
          value_date: entry.value_date,
          amount: transaction.amount,
          direction: transaction.direction,
          currency_code: entry.currency.toLowerCase(),
          reversal: entry.reversal,
          bank_transaction_code: entry.bank_transaction_code,
          end_to_end_id: transaction.end_to_end_id,
          mandate_id: transaction.mandate_id,
          creditor_id: transaction.creditor_id,
          account_servicer_reference: transaction.account_servicer_reference,
          remittance_text: transaction.remittance_text,
          structured_reference: transaction.structured_reference,
          counterparty_name: transaction.counterparty_name,
          counterparty_iban: transaction.counterparty_iban ? normaliseIban(transaction.counterparty_iban) : null,
          counterparty_bic: transaction.counterparty_bic,
          return_reason: transaction.return_reason,
          fee_amount: transaction.fee_amount,
          kind: kindOf(entry, transaction),
        })
      })
    })
  })
  return { rows, skipped }
}
