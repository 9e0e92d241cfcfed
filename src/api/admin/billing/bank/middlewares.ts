import { MiddlewareRoute, validateAndTransformBody, validateAndTransformQuery } from "@medusajs/framework/http"
import { listBankAccountsConfig, listBankStatementsConfig, listBankTransactionsConfig, retrieveBankTransactionConfig } from "./query-config"
import {
  AdminBookBankTransactionAsCredit,
  AdminConfirmBankTransaction,
  AdminCreateBankAccount,
  AdminGetBankRecordParams,
  AdminIgnoreBankTransaction,
  AdminImportBankStatement,
  AdminListBankAccountsParams,
  AdminListBankStatementsParams,
  AdminListBankTransactionsParams,
  AdminMatchBankTransactions,
  AdminUnmatchBankTransaction,
} from "./validators"

const retrieveTransaction = validateAndTransformQuery(AdminGetBankRecordParams, retrieveBankTransactionConfig)
const transaction = (action: string) => `/admin/billing/bank/transactions/:id/${action}`

export const bankMiddlewares: MiddlewareRoute[] = [
  { method: ["GET"], matcher: "/admin/billing/bank/accounts", middlewares: [validateAndTransformQuery(AdminListBankAccountsParams, listBankAccountsConfig)] },
  { method: ["POST"], matcher: "/admin/billing/bank/accounts", middlewares: [validateAndTransformBody(AdminCreateBankAccount)] },
  { method: ["GET"], matcher: "/admin/billing/bank/statements", middlewares: [validateAndTransformQuery(AdminListBankStatementsParams, listBankStatementsConfig)] },
  // A month of camt.053 for a busy account is several MB, base64 adds a third.
  { method: ["POST"], matcher: "/admin/billing/bank/statements", bodyParser: { sizeLimit: "64mb" }, middlewares: [validateAndTransformBody(AdminImportBankStatement)] },
  { method: ["GET"], matcher: "/admin/billing/bank/transactions", middlewares: [validateAndTransformQuery(AdminListBankTransactionsParams, listBankTransactionsConfig)] },
  { method: ["GET"], matcher: "/admin/billing/bank/transactions/:id", middlewares: [retrieveTransaction] },
  { method: ["POST"], matcher: transaction("confirm"), middlewares: [validateAndTransformBody(AdminConfirmBankTransaction), retrieveTransaction] },
  { method: ["POST"], matcher: transaction("book-credit"), middlewares: [validateAndTransformBody(AdminBookBankTransactionAsCredit), retrieveTransaction] },
  { method: ["POST"], matcher: transaction("ignore"), middlewares: [validateAndTransformBody(AdminIgnoreBankTransaction), retrieveTransaction] },
  { method: ["POST"], matcher: transaction("unmatch"), middlewares: [validateAndTransformBody(AdminUnmatchBankTransaction), retrieveTransaction] },
  { method: ["POST"], matcher: "/admin/billing/bank/match", middlewares: [validateAndTransformBody(AdminMatchBankTransactions)] },
]
