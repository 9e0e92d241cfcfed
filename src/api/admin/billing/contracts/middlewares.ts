import { MiddlewareRoute, validateAndTransformBody, validateAndTransformQuery } from "@medusajs/framework/http"
import { listActivitiesConfig, listContractsConfig, retrieveContractConfig } from "./query-config"
import {
  AdminCancelContract,
  AdminChangeContractItems,
  AdminContractPreviewParams,
  AdminCreateContract,
  AdminEndContract,
  AdminGetContractParams,
  AdminListContractActivitiesParams,
  AdminListContractsParams,
  AdminUpdateContract,
} from "./validators"

const retrieve = validateAndTransformQuery(AdminGetContractParams, retrieveContractConfig)

export const contractMiddlewares: MiddlewareRoute[] = [
  {
    method: ["GET"],
    matcher: "/admin/billing/contracts",
    middlewares: [validateAndTransformQuery(AdminListContractsParams, listContractsConfig)],
  },
  { method: ["POST"], matcher: "/admin/billing/contracts", middlewares: [validateAndTransformBody(AdminCreateContract), retrieve] },
  { method: ["GET", "DELETE"], matcher: "/admin/billing/contracts/:id", middlewares: [retrieve] },
  { method: ["POST"], matcher: "/admin/billing/contracts/:id", middlewares: [validateAndTransformBody(AdminUpdateContract), retrieve] },
  { method: ["POST"], matcher: "/admin/billing/contracts/:id/activate", middlewares: [retrieve] },
  { method: ["POST"], matcher: "/admin/billing/contracts/:id/cancel", middlewares: [validateAndTransformBody(AdminCancelContract), retrieve] },
  { method: ["POST"], matcher: "/admin/billing/contracts/:id/end", middlewares: [validateAndTransformBody(AdminEndContract), retrieve] },
  {
    method: ["POST"],
    matcher: "/admin/billing/contracts/:id/change-items",
    middlewares: [validateAndTransformBody(AdminChangeContractItems), retrieve],
  },
  {
    method: ["GET"],
    matcher: "/admin/billing/contracts/:id/preview",
    middlewares: [validateAndTransformQuery(AdminContractPreviewParams, { isList: false })],
  },
  {
    method: ["GET"],
    matcher: "/admin/billing/contracts/:id/activities",
    middlewares: [validateAndTransformQuery(AdminListContractActivitiesParams, listActivitiesConfig)],
  },
]
