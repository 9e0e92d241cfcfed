export const bankAccountFields = ["id", "iban", "bic", "name", "currency_code", "created_at"]

export const bankStatementFields = [
  "id", "bank_account_id", "source", "file_name", "file_sha256", "format", "message_id", "statement_reference", "currency_code",
  "from_date", "to_date", "opening_balance", "closing_balance", "transactions_in_file", "transactions_added", "duplicates_skipped",
  "entries_skipped", "created_at",
]

export const bankTransactionFields = [
  "id", "bank_account_id", "statement_id", "entry_reference", "booking_date", "value_date", "amount", "direction", "currency_code",
  "reversal", "bank_transaction_code", "end_to_end_id", "mandate_id", "creditor_id", "remittance_text", "structured_reference",
  "counterparty_name", "counterparty_iban", "counterparty_bic", "return_reason", "fee_amount", "kind", "status", "confidence",
  "customer_id", "suggestions", "note", "returns_transaction_id", "matched_at", "created_at",
]

const bookingFields = [
  "bookings.id", "bookings.seq", "bookings.kind", "bookings.customer_id", "bookings.created_by", "bookings.posted_at",
  "bookings.reversed_at", "bookings.reversal_reason", "bookings.created_at",
  "bookings.allocations.id", "bookings.allocations.position", "bookings.allocations.kind", "bookings.allocations.invoice_id",
  "bookings.allocations.invoice_number", "bookings.allocations.customer_id", "bookings.allocations.amount",
  "bookings.allocations.write_off_amount", "bookings.allocations.end_to_end_id", "bookings.allocations.fee_counter_account",
  "bookings.allocations.reversed_at", "bookings.allocations.reversed_by_transaction_id", "bookings.allocations.reversal_reason",
]

export const listBankAccountsConfig = { defaults: bankAccountFields, isList: true, defaultLimit: 50 }
export const listBankStatementsConfig = { defaults: bankStatementFields, isList: true, defaultLimit: 20 }
export const listBankTransactionsConfig = { defaults: bankTransactionFields, isList: true, defaultLimit: 50 }
export const retrieveBankTransactionConfig = { defaults: [...bankTransactionFields, ...bookingFields], isList: false }
