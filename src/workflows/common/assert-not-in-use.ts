import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"

export interface UsageCheck {
  /** What is being deleted, for the message: `article "bart_1"`. */
  subject: string
  /** Entity that would be left pointing at it, and the field that points. */
  entity: string
  field: string
  id: string
  /** Human name of the dependants, for the message: "contract items". */
  dependants: string
}

/** Refuses to delete something other records still use, naming what uses it. */
export const assertNotInUseStep = createStep(
  "billing-assert-not-in-use",
  async (checks: UsageCheck[], { container }) => {
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    for (const check of checks) {
      const { data, metadata } = await query.graph({
        entity: check.entity,
        fields: ["id"],
        filters: { [check.field]: check.id },
        pagination: { take: 1, skip: 0 },
      })
      if (data.length) {
        throw new MedusaError(
          MedusaError.Types.NOT_ALLOWED,
          `${check.subject} is still used by ${metadata?.count ?? data.length} ${check.dependants} and cannot be deleted`
        )
      }
    }
    return new StepResponse(undefined)
  }
)
