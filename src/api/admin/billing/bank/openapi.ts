import type { RouteDoc } from "../../../openapi"
import * as bank from "./validators"

const tag = "Bank"
const transaction = "/admin/billing/bank/transactions/{id}"

export const bankRouteDocs: RouteDoc[] = [
  { method: "get", path: "/admin/billing/bank/accounts", tag, summary: "List the merchant's own bank accounts", query: bank.AdminListBankAccountsParams, returns: "bank_accounts, count, offset, limit" },
  { method: "post", path: "/admin/billing/bank/accounts", tag, summary: "Register an own bank account (IBAN validated); statements are imported only for registered accounts", body: bank.AdminCreateBankAccount, returns: "bank_account", created: true },
  { method: "get", path: "/admin/billing/bank/statements", tag, summary: "List imported statements with counts (added, duplicates, skipped)", query: bank.AdminListBankStatementsParams, returns: "bank_statements, count, offset, limit" },
  { method: "post", path: "/admin/billing/bank/statements", tag, summary: "Import a camt.053/054, MT940 or CSV file (base64 in JSON), all or nothing, then match it", body: bank.AdminImportBankStatement, returns: "import, matching", created: true },
  { method: "get", path: "/admin/billing/bank/transactions", tag, summary: "Bank transactions by status: the review queue (status=review) with ranked suggestions, unmatched, booked, ignored, returned", query: bank.AdminListBankTransactionsParams, returns: "bank_transactions, count, offset, limit" },
  { method: "get", path: transaction, tag, summary: "A bank transaction with suggestions and bookings", returns: "bank_transaction" },
  { method: "post", path: `${transaction}/confirm`, tag, summary: "Book a payment as a suggestion proposed or split across invoices; the rest is credited to the customer", body: bank.AdminConfirmBankTransaction, returns: "bank_transaction" },
  { method: "post", path: `${transaction}/book-credit`, tag, summary: "Book the whole payment as a credit on a customer account", body: bank.AdminBookBankTransactionAsCredit, returns: "bank_transaction" },
  { method: "post", path: `${transaction}/ignore`, tag, summary: "Take a transaction out of the queue without booking it", body: bank.AdminIgnoreBankTransaction, returns: "bank_transaction" },
  { method: "post", path: `${transaction}/unmatch`, tag, summary: "Reverse a payment's booking in the ledger (invoices open again) and put it back into the queue", body: bank.AdminUnmatchBankTransaction, returns: "bank_transaction" },
  { method: "post", path: "/admin/billing/bank/match", tag, summary: "Run matching now (under the bank lock)", body: bank.AdminMatchBankTransactions, returns: "matching" },
]
