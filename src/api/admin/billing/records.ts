import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"

/**
 * The read side of every billing resource: `query.graph` with the fields, filters and pagination the
 * `validateAndTransformQuery` middleware put on the request. Routes stay one call each.
 */
export async function listRecords(req: AuthenticatedMedusaRequest, res: MedusaResponse, entity: string, key: string) {
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const { data, metadata } = await query.graph({
    entity,
    fields: req.queryConfig.fields,
    filters: req.filterableFields,
    pagination: req.queryConfig.pagination,
  })
  res.json({ [key]: data, count: metadata?.count ?? data.length, offset: metadata?.skip ?? 0, limit: metadata?.take ?? data.length })
}

export async function fetchRecord(req: AuthenticatedMedusaRequest, entity: string, id: string, fields?: string[]) {
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity,
    fields: fields ?? req.queryConfig?.fields ?? ["*"],
    filters: { id },
  })
  if (!data.length) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `${entity.replace(/^billing_/, "").replace(/_/g, " ")} "${id}" was not found`)
  }
  return data[0]
}

/** A 404 for the resource in the URL before a workflow runs (the workflow's own checks are about the body). */
export async function assertExists(req: AuthenticatedMedusaRequest, entity: string, id: string) {
  await fetchRecord(req, entity, id, ["id"])
}
