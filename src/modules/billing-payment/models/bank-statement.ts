import { model } from "@medusajs/framework/utils"
import { isoDateCheckNullable } from "../../../utils/iso-date-check"

/**
 * One imported statement of one account (a file with statements of several accounts gives several). Only
 * stored when it adds at least one transaction: re-importing a file, or a statement that overlaps earlier
 * ones entirely, stores nothing.
 */
const BankStatement = model
  .define("billing_bank_statement", {
    id: model.id({ prefix: "bbst" }).primaryKey(),
    bank_account_id: model.text(),
    /** "upload", or the id of the statement source (the watched folder, an online-banking connector). */
    source: model.text(),
    file_name: model.text().nullable(),
    /** SHA-256 of the file's bytes, hex. */
    file_sha256: model.text(),
    format: model.enum(["camt.053", "camt.054", "mt940", "csv"]),
    message_id: model.text().nullable(),
    statement_reference: model.text().nullable(),
    currency_code: model.text(),
    from_date: model.text().nullable(),
    to_date: model.text().nullable(),
    opening_balance: model.bigNumber().nullable(),
    closing_balance: model.bigNumber().nullable(),
    /** Booked transactions of this account in the file. */
    transactions_in_file: model.number().default(0),
    transactions_added: model.number().default(0),
    /** Already imported from an earlier file (same dedupe key). */
    duplicates_skipped: model.number().default(0),
    /** Entries not imported: pending or information-only (not booked by the bank yet), or of amount 0. */
    entries_skipped: model.number().default(0),
  })
  .indexes([
    { on: ["bank_account_id"], where: "deleted_at IS NULL" },
    { on: ["source", "created_at"], where: "deleted_at IS NULL" },
  ])
  .checks([
    { name: "billing_bank_statement_from_date_iso", expression: isoDateCheckNullable("from_date") },
    { name: "billing_bank_statement_to_date_iso", expression: isoDateCheckNullable("to_date") },
  ])

export default BankStatement
