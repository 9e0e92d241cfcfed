import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { buildOpenApiDocument, pluginVersion } from "../../../openapi"

export const GET = async (_req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  res.json(buildOpenApiDocument(pluginVersion()))
}
