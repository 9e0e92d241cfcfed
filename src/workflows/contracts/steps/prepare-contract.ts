import { MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { contractDatesProblem } from "../../../domain/contract-rules"
import { BILLING_CATALOG_MODULE } from "../../../modules/billing-catalog"
import BillingCatalogModuleService from "../../../modules/billing-catalog/service"
import { BILLING_CONTRACT_MODULE } from "../../../modules/billing-contract"
import BillingContractModuleService from "../../../modules/billing-contract/service"
import { ContractInput, flattenTerms } from "../types"

export const prepareContractStepId = "billing-prepare-contract"

/**
 * Turns the request into the row to store: the project's currency when none is given, the terms flattened,
 * and the next contract number of the project when the caller brings none. A number handed out for a
 * creation that fails later is not reused (the sequence only moves forward), so it needs no compensation.
 */
export const prepareContractStep = createStep(prepareContractStepId, async (input: ContractInput, { container }) => {
  const problem = contractDatesProblem(input)
  if (problem) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, problem)
  }
  const catalog = container.resolve<BillingCatalogModuleService>(BILLING_CATALOG_MODULE)
  const contracts = container.resolve<BillingContractModuleService>(BILLING_CONTRACT_MODULE)
  const project = await catalog.retrieveBillingProject(input.project_id)
  const number =
    input.number ?? (await contracts.allocateContractNumbers(project.id, project.contract_number_prefix, 1))[0]
  const { items: _items, minimum_term, renewal_term, notice_period, ...header } = input
  return new StepResponse({
    ...header,
    ...flattenTerms({ minimum_term, renewal_term, notice_period }),
    number,
    status: "draft" as const,
    currency_code: (input.currency_code ?? project.default_currency_code).toLowerCase(),
  })
})
