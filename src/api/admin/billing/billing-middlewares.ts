import { MiddlewareRoute, validateAndTransformBody, validateAndTransformQuery } from "@medusajs/framework/http"
import { listInvoicesConfig, listMailLogConfig, listRunsConfig, retrieveInvoiceConfig, retrieveRunConfig } from "./billing-query-config"
import {
  AdminCancelInvoice,
  AdminCreateLedgerBooking,
  AdminGetBillingRecordParams,
  AdminLedgerParams,
  AdminListBillingRunsParams,
  AdminListInvoicesParams,
  AdminListMailLogParams,
  AdminStartBillingRun,
  AdminUpdateContractItem,
} from "./billing-validators"
import { retrieveContractConfig } from "./contracts/query-config"

const retrieveInvoice = validateAndTransformQuery(AdminGetBillingRecordParams, retrieveInvoiceConfig)
const retrieveContract = validateAndTransformQuery(AdminGetBillingRecordParams, retrieveContractConfig)

export const billingMiddlewares: MiddlewareRoute[] = [
  { method: ["GET"], matcher: "/admin/billing/runs", middlewares: [validateAndTransformQuery(AdminListBillingRunsParams, listRunsConfig)] },
  { method: ["POST"], matcher: "/admin/billing/runs", middlewares: [validateAndTransformBody(AdminStartBillingRun)] },
  { method: ["GET"], matcher: "/admin/billing/runs/:id", middlewares: [validateAndTransformQuery(AdminGetBillingRecordParams, retrieveRunConfig)] },
  { method: ["GET"], matcher: "/admin/billing/invoices", middlewares: [validateAndTransformQuery(AdminListInvoicesParams, listInvoicesConfig)] },
  { method: ["GET"], matcher: "/admin/billing/invoices/:id", middlewares: [retrieveInvoice] },
  { method: ["POST"], matcher: "/admin/billing/invoices/:id/cancel", middlewares: [validateAndTransformBody(AdminCancelInvoice), retrieveInvoice] },
  { method: ["POST"], matcher: "/admin/billing/contracts/:id/interim-invoice", middlewares: [retrieveInvoice] },
  { method: ["POST"], matcher: "/admin/billing/contracts/:id/items/:item_id", middlewares: [validateAndTransformBody(AdminUpdateContractItem), retrieveContract] },
  { method: ["GET"], matcher: "/admin/billing/mail-log", middlewares: [validateAndTransformQuery(AdminListMailLogParams, listMailLogConfig)] },
  { method: ["GET"], matcher: "/admin/billing/customers/:id/ledger", middlewares: [validateAndTransformQuery(AdminLedgerParams, { isList: false })] },
  { method: ["POST"], matcher: "/admin/billing/customers/:id/ledger/bookings", middlewares: [validateAndTransformBody(AdminCreateLedgerBooking)] },
]
