import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { setCardPaymentMethodWorkflow } from "../../../../../../workflows/collections/card-payment-method-workflow"
import { AdminSetCardPaymentMethodType } from "../../../collections/validators"
import { assertExists } from "../../../records"

async function paymentMethodOf(req: AuthenticatedMedusaRequest) {
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: "billing_card_payment_method",
    fields: req.queryConfig?.fields ?? ["*"],
    filters: { contract_id: req.params.id },
  })
  return data[0] ?? null
}

/** The card the contract is charged with. */
export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  await assertExists(req, "billing_contract", req.params.id)
  const method = await paymentMethodOf(req)
  if (!method) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `contract "${req.params.id}" has no stored card payment method`)
  }
  res.json({ payment_method: method })
}

/** Stores or replaces the contract's card (Payment module provider + the provider's saved payment method token). */
export const POST = async (req: AuthenticatedMedusaRequest<AdminSetCardPaymentMethodType>, res: MedusaResponse) => {
  await assertExists(req, "billing_contract", req.params.id)
  await setCardPaymentMethodWorkflow(req.scope).run({ input: { ...req.validatedBody, contract_id: req.params.id } })
  res.json({ payment_method: await paymentMethodOf(req) })
}
