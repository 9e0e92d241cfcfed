import type { RouteDoc } from "../../../openapi"

export const dunningRouteDocs: RouteDoc[] = []
