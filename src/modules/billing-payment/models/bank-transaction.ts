import { model } from "@medusajs/framework/utils"
import { isoDateCheck, isoDateCheckNullable } from "../../../utils/iso-date-check"
import BankBooking from "./bank-booking"

export const BANK_TRANSACTION_KINDS = ["payment", "return", "other"] as const
export const BANK_TRANSACTION_STATUSES = ["new", "review", "unmatched", "booked", "ignored", "returned"] as const

/**
 * One transaction of a booked statement entry (a batch entry with several transaction details gives one row
 * each). `kind` says what matching does with it: a `payment` (credit) is matched to open invoices, a
 * `return` (a debit with a return reason or fee, or the bank's reversal of an earlier credit) to the booking it
 * takes back; `other` (an ordinary debit, a credit reversing a debit) is ignored unless its end-to-end id
 * names a booking of ours, which makes it a return after all.
 *
 * `dedupe_key` is unique per account: the same entry imported again — the same file, or an overlapping
 * statement — is skipped (see `statementRows` in src/workflows/payments/statement-rows.ts).
 */
const BankTransaction = model
  .define("billing_bank_transaction", {
    id: model.id({ prefix: "bbtx" }).primaryKey(),
    bank_account_id: model.text(),
    statement_id: model.text(),
    dedupe_key: model.text(),
    /** Position of the entry in its statement and of the transaction in its entry, from 0. */
    entry_index: model.number(),
    transaction_index: model.number(),
    entry_reference: model.text().nullable(),
    booking_date: model.text(),
    value_date: model.text().nullable(),
    amount: model.bigNumber(),
    direction: model.enum(["credit", "debit"]),
    currency_code: model.text(),
    reversal: model.boolean().default(false),
    bank_transaction_code: model.text().nullable(),
    end_to_end_id: model.text().nullable(),
    mandate_id: model.text().nullable(),
    creditor_id: model.text().nullable(),
    account_servicer_reference: model.text().nullable(),
    remittance_text: model.text(),
    structured_reference: model.text().nullable(),
    counterparty_name: model.text().nullable(),
    counterparty_iban: model.text().nullable(),
    counterparty_bic: model.text().nullable(),
    return_reason: model.text().nullable(),
    fee_amount: model.bigNumber().nullable(),
    kind: model.enum([...BANK_TRANSACTION_KINDS]),
    status: model.enum([...BANK_TRANSACTION_STATUSES]).default("new"),
    /** The best suggestion's confidence (0..1) when matching ran. */
    confidence: model.float().nullable(),
    /** The customer the payment belongs to, when the evidence names one. */
    customer_id: model.text().nullable(),
    /** Ranked suggestions of the matching engine (at most five, best first), with their reasons. */
    suggestions: model.json().nullable(),
    /** Why the transaction has its status, in words (matching, the admin's action). */
    note: model.text().nullable(),
    /** For a return: the credit transaction whose booking it took back. */
    returns_transaction_id: model.text().nullable(),
    matched_at: model.dateTime().nullable(),
    bookings: model.hasMany(() => BankBooking, { mappedBy: "transaction" }),
  })
  .indexes([
    { name: "IDX_billing_bank_transaction_dedupe", on: ["bank_account_id", "dedupe_key"], unique: true, where: "deleted_at IS NULL" },
    { on: ["status", "booking_date"], where: "deleted_at IS NULL" },
    { on: ["statement_id"], where: "deleted_at IS NULL" },
    { on: ["end_to_end_id"], where: "deleted_at IS NULL AND end_to_end_id IS NOT NULL" },
    { on: ["mandate_id"], where: "deleted_at IS NULL AND mandate_id IS NOT NULL" },
  ])
  .checks([
    { name: "billing_bank_transaction_booking_date_iso", expression: isoDateCheck("booking_date") },
    { name: "billing_bank_transaction_value_date_iso", expression: isoDateCheckNullable("value_date") },
    { name: "billing_bank_transaction_amount_positive", expression: "amount > 0" },
  ])

export default BankTransaction
