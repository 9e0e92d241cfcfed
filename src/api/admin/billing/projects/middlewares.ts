import { MiddlewareRoute, validateAndTransformBody, validateAndTransformQuery } from "@medusajs/framework/http"
import { listProjectsConfig, retrieveProjectConfig } from "./query-config"
import { AdminCreateProject, AdminGetProjectParams, AdminListProjectsParams, AdminUpdateProject } from "./validators"

export const projectMiddlewares: MiddlewareRoute[] = [
  {
    method: ["GET"],
    matcher: "/admin/billing/projects",
    middlewares: [validateAndTransformQuery(AdminListProjectsParams, listProjectsConfig)],
  },
  {
    method: ["POST"],
    matcher: "/admin/billing/projects",
    middlewares: [validateAndTransformBody(AdminCreateProject), validateAndTransformQuery(AdminGetProjectParams, retrieveProjectConfig)],
  },
  {
    method: ["GET", "DELETE"],
    matcher: "/admin/billing/projects/:id",
    middlewares: [validateAndTransformQuery(AdminGetProjectParams, retrieveProjectConfig)],
  },
  {
    method: ["POST"],
    matcher: "/admin/billing/projects/:id",
    middlewares: [validateAndTransformBody(AdminUpdateProject), validateAndTransformQuery(AdminGetProjectParams, retrieveProjectConfig)],
  },
]
