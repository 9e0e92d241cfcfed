import { MiddlewareRoute, validateAndTransformBody, validateAndTransformQuery } from "@medusajs/framework/http"
import {
  listBatchesConfig,
  listCardChargesConfig,
  listCollectionsConfig,
  listMandatesConfig,
  retrieveBatchConfig,
  retrieveCardPaymentMethodConfig,
  retrieveMandateConfig,
} from "./query-config"
import {
  AdminCreateMandate,
  AdminCreateSepaBatch,
  AdminGetCollectionRecordParams,
  AdminListCardChargesParams,
  AdminListMandatesParams,
  AdminListSepaBatchesParams,
  AdminListSepaCollectionsParams,
  AdminSetCardPaymentMethod,
  AdminSetSepaCreditor,
  AdminUpdateMandate,
  AdminUpdateSepaBatch,
} from "./validators"

const retrieveMandate = validateAndTransformQuery(AdminGetCollectionRecordParams, retrieveMandateConfig)
const retrieveBatch = validateAndTransformQuery(AdminGetCollectionRecordParams, retrieveBatchConfig)
const retrieveCardPaymentMethod = validateAndTransformQuery(AdminGetCollectionRecordParams, retrieveCardPaymentMethodConfig)

/** SEPA mandates, creditor, batches and collections; card payment methods and charges. */
export const collectionMiddlewares: MiddlewareRoute[] = [
  { method: ["GET"], matcher: "/admin/billing/customers/:id/mandates", middlewares: [validateAndTransformQuery(AdminListMandatesParams, listMandatesConfig)] },
  { method: ["POST"], matcher: "/admin/billing/customers/:id/mandates", middlewares: [validateAndTransformBody(AdminCreateMandate), retrieveMandate] },
  { method: ["GET"], matcher: "/admin/billing/mandates/:id", middlewares: [retrieveMandate] },
  { method: ["POST"], matcher: "/admin/billing/mandates/:id", middlewares: [validateAndTransformBody(AdminUpdateMandate), retrieveMandate] },
  { method: ["POST"], matcher: "/admin/billing/sepa/creditor", middlewares: [validateAndTransformBody(AdminSetSepaCreditor)] },
  { method: ["GET"], matcher: "/admin/billing/sepa/batches", middlewares: [validateAndTransformQuery(AdminListSepaBatchesParams, listBatchesConfig)] },
  { method: ["POST"], matcher: "/admin/billing/sepa/batches", middlewares: [validateAndTransformBody(AdminCreateSepaBatch), retrieveBatch] },
  { method: ["GET"], matcher: "/admin/billing/sepa/batches/:id", middlewares: [retrieveBatch] },
  { method: ["POST"], matcher: "/admin/billing/sepa/batches/:id", middlewares: [validateAndTransformBody(AdminUpdateSepaBatch), retrieveBatch] },
  {
    method: ["GET"],
    matcher: "/admin/billing/sepa/collections",
    middlewares: [validateAndTransformQuery(AdminListSepaCollectionsParams, listCollectionsConfig)],
  },
  { method: ["GET"], matcher: "/admin/billing/contracts/:id/payment-method", middlewares: [retrieveCardPaymentMethod] },
  {
    method: ["POST"],
    matcher: "/admin/billing/contracts/:id/payment-method",
    middlewares: [validateAndTransformBody(AdminSetCardPaymentMethod), retrieveCardPaymentMethod],
  },
  {
    method: ["GET"],
    matcher: "/admin/billing/collections/card-charges",
    middlewares: [validateAndTransformQuery(AdminListCardChargesParams, listCardChargesConfig)],
  },
]
