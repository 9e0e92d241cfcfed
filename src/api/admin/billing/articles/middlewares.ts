import { MiddlewareRoute, validateAndTransformBody, validateAndTransformQuery } from "@medusajs/framework/http"
import { listArticlesConfig, retrieveArticleConfig } from "./query-config"
import {
  AdminAddPriceVariants,
  AdminCreateArticle,
  AdminGetArticleParams,
  AdminListArticlesParams,
  AdminUpdateArticle,
  AdminUpdatePriceVariant,
} from "./validators"

const retrieve = validateAndTransformQuery(AdminGetArticleParams, retrieveArticleConfig)

export const articleMiddlewares: MiddlewareRoute[] = [
  {
    method: ["GET"],
    matcher: "/admin/billing/articles",
    middlewares: [validateAndTransformQuery(AdminListArticlesParams, listArticlesConfig)],
  },
  { method: ["POST"], matcher: "/admin/billing/articles", middlewares: [validateAndTransformBody(AdminCreateArticle), retrieve] },
  { method: ["GET", "DELETE"], matcher: "/admin/billing/articles/:id", middlewares: [retrieve] },
  { method: ["POST"], matcher: "/admin/billing/articles/:id", middlewares: [validateAndTransformBody(AdminUpdateArticle), retrieve] },
  {
    method: ["POST"],
    matcher: "/admin/billing/articles/:id/price-variants",
    middlewares: [validateAndTransformBody(AdminAddPriceVariants), retrieve],
  },
  {
    method: ["POST"],
    matcher: "/admin/billing/articles/:id/price-variants/:price_variant_id",
    middlewares: [validateAndTransformBody(AdminUpdatePriceVariant), retrieve],
  },
  { method: ["DELETE"], matcher: "/admin/billing/articles/:id/price-variants/:price_variant_id", middlewares: [retrieve] },
]
