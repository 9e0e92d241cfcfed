import type { RouteDoc } from "../../../openapi"

export const bankRouteDocs: RouteDoc[] = []
