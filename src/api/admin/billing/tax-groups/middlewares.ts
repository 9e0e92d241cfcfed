import { MiddlewareRoute, validateAndTransformBody, validateAndTransformQuery } from "@medusajs/framework/http"
import { listTaxGroupsConfig, retrieveTaxGroupConfig } from "./query-config"
import {
  AdminCreateTaxGroup,
  AdminCreateTaxRate,
  AdminGetTaxGroupParams,
  AdminListTaxGroupsParams,
  AdminUpdateTaxGroup,
} from "./validators"

const retrieve = validateAndTransformQuery(AdminGetTaxGroupParams, retrieveTaxGroupConfig)

export const taxGroupMiddlewares: MiddlewareRoute[] = [
  {
    method: ["GET"],
    matcher: "/admin/billing/tax-groups",
    middlewares: [validateAndTransformQuery(AdminListTaxGroupsParams, listTaxGroupsConfig)],
  },
  { method: ["POST"], matcher: "/admin/billing/tax-groups", middlewares: [validateAndTransformBody(AdminCreateTaxGroup), retrieve] },
  { method: ["GET", "DELETE"], matcher: "/admin/billing/tax-groups/:id", middlewares: [retrieve] },
  { method: ["POST"], matcher: "/admin/billing/tax-groups/:id", middlewares: [validateAndTransformBody(AdminUpdateTaxGroup), retrieve] },
  { method: ["POST"], matcher: "/admin/billing/tax-groups/:id/rates", middlewares: [validateAndTransformBody(AdminCreateTaxRate), retrieve] },
]
