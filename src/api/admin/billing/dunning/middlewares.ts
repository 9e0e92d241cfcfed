import { MiddlewareRoute, validateAndTransformBody, validateAndTransformQuery } from "@medusajs/framework/http"
import { listDunningNoticesConfig, retrieveDunningNoticeConfig } from "./query-config"
import { AdminGetDunningNoticeParams, AdminListDunningNoticesParams, AdminStartDunningRun } from "./validators"

export const dunningMiddlewares: MiddlewareRoute[] = [
  { method: ["POST"], matcher: "/admin/billing/dunning/runs", middlewares: [validateAndTransformBody(AdminStartDunningRun)] },
  {
    method: ["GET"],
    matcher: "/admin/billing/dunning/notices",
    middlewares: [validateAndTransformQuery(AdminListDunningNoticesParams, listDunningNoticesConfig)],
  },
  {
    method: ["GET"],
    matcher: "/admin/billing/dunning/notices/:id",
    middlewares: [validateAndTransformQuery(AdminGetDunningNoticeParams, retrieveDunningNoticeConfig)],
  },
]
