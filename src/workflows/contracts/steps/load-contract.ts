import { MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { BILLING_CONTRACT_MODULE } from "../../../modules/billing-contract"
import BillingContractModuleService from "../../../modules/billing-contract/service"
import { ContractRow, ContractStatus } from "../types"

export interface LoadedContract extends ContractRow {
  items: {
    id: string
    article_id: string
    quantity: number
    valid_from: string
    valid_to: string | null
    billing_from: string | null
    custom_unit_price: unknown
    description: string | null
  }[]
}

export const loadContractStepId = "billing-load-contract"

/** Reads the contract with its items and refuses the action unless the contract is in an allowed status. */
export const loadContractStep = createStep(
  loadContractStepId,
  async (input: { id: string; action: string; allowed: ContractStatus[] }, { container }) => {
    const contracts = container.resolve<BillingContractModuleService>(BILLING_CONTRACT_MODULE)
    const contract = (await contracts.retrieveBillingContract(input.id, { relations: ["items"] })) as unknown as LoadedContract
    if (!input.allowed.includes(contract.status)) {
      throw new MedusaError(
        MedusaError.Types.NOT_ALLOWED,
        `status: contract ${contract.number} is ${contract.status}; ${input.action} needs status ${input.allowed.join(" or ")}`
      )
    }
    return new StepResponse(contract)
  }
)
