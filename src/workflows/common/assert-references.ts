import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"

export interface Reference {
  /** The request field the id came from, named in the error. */
  field: string
  /** The `query.graph` entity, e.g. "billing_project", "customer", "sales_channel". */
  entity: string
  id: string | null | undefined
}

export const assertReferencesStepId = "billing-assert-references"

/**
 * Checks that every referenced record exists before anything is written, so a wrong id in a request is a
 * 400 naming the field rather than a half-created record or a 404 about some other entity.
 */
export const assertReferencesStep = createStep(
  assertReferencesStepId,
  async (references: Reference[], { container }) => {
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const byEntity = new Map<string, Reference[]>()
    for (const ref of references) {
      if (ref.id) {
        byEntity.set(ref.entity, [...(byEntity.get(ref.entity) ?? []), ref])
      }
    }
    for (const [entity, refs] of byEntity) {
      const { data } = await query.graph({
        entity,
        fields: ["id"],
        filters: { id: [...new Set(refs.map((r) => r.id as string))] },
      })
      const found = new Set((data as { id: string }[]).map((row) => row.id))
      const missing = refs.find((ref) => !found.has(ref.id as string))
      if (missing) {
        throw new MedusaError(
          MedusaError.Types.INVALID_DATA,
          `${missing.field}: ${entity.replace(/^billing_/, "").replace(/_/g, " ")} "${missing.id}" does not exist`
        )
      }
    }
    return new StepResponse(undefined)
  }
)
