import { MiddlewareRoute } from "@medusajs/framework/http"

export const collectionMiddlewares: MiddlewareRoute[] = []
