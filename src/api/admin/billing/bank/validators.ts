import { z } from "@medusajs/framework/zod"
import { createFindParams, createSelectParams } from "@medusajs/medusa/api/utils/validators"
import { currencyCode, fieldError, moneyAmount, stringOrList } from "../common-validators"

export const AdminGetBankRecordParams = createSelectParams()

export const AdminCreateBankAccount = z.strictObject({
  iban: z.string().min(1),
  bic: z.string().nullish(),
  name: z.string().min(1).max(200),
  currency_code: currencyCode,
})

export const AdminListBankAccountsParams = createFindParams({ limit: 50, offset: 0, order: "created_at" }).extend({
  iban: stringOrList.optional(),
  currency_code: stringOrList.optional(),
})

const csvColumn = z.union([z.string().min(1), z.number().int().min(0)])

/** A CSV layout (see `CsvLayout` in src/domain/bank/readers/csv.ts); omitted: the Sparkasse "CSV-CAMT V2" layout. */
export const CsvLayoutSchema = z.strictObject({
  delimiter: z.string().min(1).max(3),
  encoding: z.enum(["utf-8", "windows-1252"]),
  decimal_separator: z.enum([",", "."]),
  date_format: z.enum(["DD.MM.YYYY", "DD.MM.YY", "YYYY-MM-DD"]),
  skip_rows: z.number().int().min(0),
  has_header_row: z.boolean(),
  skip_footer_rows: z.number().int().min(0).optional(),
  columns: z.strictObject({
    booking_date: csvColumn,
    value_date: csvColumn.optional(),
    amount: csvColumn.optional(),
    debit_amount: csvColumn.optional(),
    credit_amount: csvColumn.optional(),
    direction: csvColumn.optional(),
    currency: csvColumn.optional(),
    account_iban: csvColumn.optional(),
    counterparty_name: csvColumn.optional(),
    counterparty_iban: csvColumn.optional(),
    counterparty_bic: csvColumn.optional(),
    remittance_text: z.union([csvColumn, z.array(csvColumn).min(1)]).optional(),
    end_to_end_id: csvColumn.optional(),
    mandate_id: csvColumn.optional(),
    creditor_id: csvColumn.optional(),
    entry_reference: csvColumn.optional(),
    fee_amount: csvColumn.optional(),
    status: csvColumn.optional(),
  }),
  credit_values: z.array(z.string()).optional(),
  debit_values: z.array(z.string()).optional(),
  pending_values: z.array(z.string()).optional(),
  account_iban: z.string().nullish(),
  currency: z.string().nullish(),
})

/** A statement file as JSON: its bytes base64-encoded (any encoding the format uses, e.g. Windows-1252 MT940). */
export const AdminImportBankStatement = z.strictObject({
  file_name: z.string().min(1).max(255),
  content_base64: z
    .string()
    .min(1)
    .refine((value) => /^[A-Za-z0-9+/\r\n]+={0,2}\s*$/.test(value), fieldError("Expected the file's bytes base64-encoded")),
  format: z.enum(["camt.053", "camt.054", "mt940", "csv"]).optional(),
  csv_layout: CsvLayoutSchema.optional(),
  currency: z
    .string()
    .regex(/^[a-zA-Z]{3}$/, fieldError("Expected an ISO 4217 currency code such as EUR"))
    .optional(),
})

export const AdminListBankStatementsParams = createFindParams({ limit: 20, offset: 0, order: "-created_at" }).extend({
  bank_account_id: stringOrList.optional(),
  source: stringOrList.optional(),
})

export const BANK_TRANSACTION_STATUS_VALUES = ["new", "review", "unmatched", "booked", "ignored", "returned"] as const

export const AdminListBankTransactionsParams = createFindParams({ limit: 50, offset: 0, order: "booking_date" }).extend({
  status: z.union([z.enum(BANK_TRANSACTION_STATUS_VALUES), z.array(z.enum(BANK_TRANSACTION_STATUS_VALUES))]).optional(),
  kind: stringOrList.optional(),
  direction: stringOrList.optional(),
  statement_id: stringOrList.optional(),
  bank_account_id: stringOrList.optional(),
  customer_id: stringOrList.optional(),
  end_to_end_id: stringOrList.optional(),
})

export const AdminConfirmBankTransaction = z
  .strictObject({
    suggestion_index: z.number().int().min(0).optional(),
    allocations: z
      .array(
        z.strictObject({
          invoice_id: z.string().min(1),
          amount: moneyAmount,
          write_off_amount: moneyAmount.optional(),
        })
      )
      .min(1)
      .optional(),
    customer_id: z.string().min(1).nullish(),
  })
  .refine((body) => (body.suggestion_index === undefined) !== (body.allocations === undefined), {
    message: "Give either suggestion_index or allocations",
  })

export const AdminBookBankTransactionAsCredit = z.strictObject({
  customer_id: z.string().min(1).nullish(),
  note: z.string().max(500).nullish(),
})

export const AdminIgnoreBankTransaction = z.strictObject({ reason: z.string().max(500).nullish() })

export const AdminUnmatchBankTransaction = z.strictObject({ reason: z.string().max(500).nullish() })

export const AdminMatchBankTransactions = z.strictObject({
  /** Also match the review queue and unmatched transactions again (e.g. after new invoices were issued). */
  include_review: z.boolean().optional(),
})

export type AdminCreateBankAccountType = z.infer<typeof AdminCreateBankAccount>
export type AdminImportBankStatementType = z.infer<typeof AdminImportBankStatement>
export type AdminConfirmBankTransactionType = z.infer<typeof AdminConfirmBankTransaction>
export type AdminBookBankTransactionAsCreditType = z.infer<typeof AdminBookBankTransactionAsCredit>
export type AdminIgnoreBankTransactionType = z.infer<typeof AdminIgnoreBankTransaction>
export type AdminUnmatchBankTransactionType = z.infer<typeof AdminUnmatchBankTransaction>
export type AdminMatchBankTransactionsType = z.infer<typeof AdminMatchBankTransactions>
