import { ContainerRegistrationKeys, MedusaError, Modules } from "@medusajs/framework/utils"
import { createStep, createWorkflow, StepResponse, transform, when, WorkflowData, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { BILLING_COLLECTION_MODULE } from "../../modules/billing-collection"
import BillingCollectionModuleService from "../../modules/billing-collection/service"
import { BILLING_CONTRACT_MODULE } from "../../modules/billing-contract"
import BillingContractModuleService from "../../modules/billing-contract/service"
import { createCardPaymentMethodsStep, updateCardPaymentMethodsStep } from "./records"

export interface SetCardPaymentMethodInput {
  contract_id: string
  /** A Payment module provider, e.g. "pp_stripe_stripe". */
  provider_id: string
  /** The provider's token of the customer's saved payment method (Stripe: a PaymentMethod id "pm_…"). */
  payment_method_token: string
  /** The Payment module's account holder (the customer at the provider), for providers that need one off-session. */
  account_holder_id?: string | null
  /** Shown in the admin, e.g. "Visa •••• 4242". */
  label?: string | null
}

const prepareCardPaymentMethodStep = createStep("billing-prepare-card-payment-method", async (input: SetCardPaymentMethodInput, { container }) => {
  const contracts = container.resolve<BillingContractModuleService>(BILLING_CONTRACT_MODULE)
  const contract = await contracts.retrieveBillingContract(input.contract_id, { select: ["id", "number", "customer_id", "payment_method"] })
  if (contract.payment_method !== "card") {
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      `payment_method: contract ${contract.number} pays by ${contract.payment_method}; set its payment_method to "card" first`
    )
  }
  const payments = container.resolve(Modules.PAYMENT)
  const providers = await payments.listPaymentProviders({}, { select: ["id", "is_enabled"] })
  const provider = providers.find((p) => p.id === input.provider_id)
  if (!provider || !provider.is_enabled) {
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      `provider_id: "${input.provider_id}" is not an enabled provider of the Payment module (enabled: ${providers.filter((p) => p.is_enabled).map((p) => p.id).join(", ") || "none"})`
    )
  }
  if (input.account_holder_id) {
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const { data } = await query.graph({ entity: "account_holder", fields: ["id", "provider_id"], filters: { id: input.account_holder_id } })
    if (!data.length || data[0].provider_id !== input.provider_id) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, `account_holder_id: "${input.account_holder_id}" is no account holder of ${input.provider_id}`)
    }
  }
  const service = container.resolve<BillingCollectionModuleService>(BILLING_COLLECTION_MODULE)
  const [existing] = await service.listBillingCardPaymentMethods({ contract_id: contract.id }, { select: ["id"] })
  const row = {
    contract_id: contract.id,
    customer_id: contract.customer_id,
    provider_id: input.provider_id,
    payment_method_token: input.payment_method_token,
    account_holder_id: input.account_holder_id ?? null,
    label: input.label ?? null,
  }
  return new StepResponse({ create: existing ? [] : [row], update: existing ? [{ id: existing.id, ...row }] : [] })
})

export const setCardPaymentMethodWorkflowId = "billing-set-card-payment-method"
/** Stores (or replaces) the card a contract is charged with; the next scheduled charge uses it. */
export const setCardPaymentMethodWorkflow = createWorkflow(setCardPaymentMethodWorkflowId, (input: WorkflowData<SetCardPaymentMethodInput>) => {
  const rows = prepareCardPaymentMethodStep(input)
  when({ rows }, ({ rows }) => rows.create.length > 0).then(() => createCardPaymentMethodsStep(transform({ rows }, ({ rows }) => rows.create)))
  when({ rows }, ({ rows }) => rows.update.length > 0).then(() => updateCardPaymentMethodsStep(transform({ rows }, ({ rows }) => rows.update)))
  return new WorkflowResponse(undefined)
})
