import { MiddlewareRoute, validateAndTransformBody, validateAndTransformQuery } from "@medusajs/framework/http"
import { listArticleGroupsConfig, retrieveArticleGroupConfig } from "./query-config"
import {
  AdminCreateArticleGroup,
  AdminGetArticleGroupParams,
  AdminListArticleGroupsParams,
  AdminUpdateArticleGroup,
} from "./validators"

const retrieve = validateAndTransformQuery(AdminGetArticleGroupParams, retrieveArticleGroupConfig)

export const articleGroupMiddlewares: MiddlewareRoute[] = [
  {
    method: ["GET"],
    matcher: "/admin/billing/article-groups",
    middlewares: [validateAndTransformQuery(AdminListArticleGroupsParams, listArticleGroupsConfig)],
  },
  { method: ["POST"], matcher: "/admin/billing/article-groups", middlewares: [validateAndTransformBody(AdminCreateArticleGroup), retrieve] },
  { method: ["GET", "DELETE"], matcher: "/admin/billing/article-groups/:id", middlewares: [retrieve] },
  { method: ["POST"], matcher: "/admin/billing/article-groups/:id", middlewares: [validateAndTransformBody(AdminUpdateArticleGroup), retrieve] },
]
