import { MiddlewareRoute } from "@medusajs/framework/http"

export const bankMiddlewares: MiddlewareRoute[] = []
