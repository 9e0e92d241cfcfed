import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { listRecords } from "../../records"
import { AdminListDunningNoticesParamsType } from "../validators"

/** Dunning notices, newest first; filter by customer, invoice and level. */
export const GET = async (req: AuthenticatedMedusaRequest<unknown, AdminListDunningNoticesParamsType>, res: MedusaResponse) => {
  const { customer_id } = req.validatedQuery as AdminListDunningNoticesParamsType
  if (customer_id) {
    // A filter on a customer that does not exist is a typo, not an empty list.
    const wanted = [customer_id].flat()
    const { data } = await req.scope.resolve(ContainerRegistrationKeys.QUERY).graph({ entity: "customer", fields: ["id"], filters: { id: wanted } })
    const unknown = wanted.filter((id) => !data.some((customer: { id: string }) => customer.id === id))
    if (unknown.length) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, `customer_id: customer ${unknown.map((id) => `"${id}"`).join(", ")} does not exist`)
    }
  }
  await listRecords(req, res, "billing_dunning_notice", "notices")
}
