import { MiddlewareRoute } from "@medusajs/framework/http"

export const dunningMiddlewares: MiddlewareRoute[] = []
