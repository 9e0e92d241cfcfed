import type { RouteDoc } from "../../../openapi"

export const collectionRouteDocs: RouteDoc[] = []
