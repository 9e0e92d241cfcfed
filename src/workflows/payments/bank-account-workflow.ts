import { MedusaError } from "@medusajs/framework/utils"
import { createStep, createWorkflow, StepResponse, WorkflowData, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { bicProblem, ibanProblem, normaliseBic, normaliseIban } from "../../domain/sepa/bank-account"
import { paymentModule } from "./matching-context"

export interface CreateBankAccountInput {
  iban: string
  bic?: string | null
  name: string
  currency_code: string
}

const createBankAccountStep = createStep(
  "billing-create-bank-account",
  async (input: CreateBankAccountInput, { container }) => {
    const problem = ibanProblem(input.iban)
    if (problem) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, `iban: ${problem}`)
    }
    const bicError = input.bic ? bicProblem(input.bic) : null
    if (bicError) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, `bic: ${bicError}`)
    }
    const iban = normaliseIban(input.iban)
    const payment = paymentModule(container)
    const [existing] = await payment.listBillingBankAccounts({ iban }, { select: ["id"] })
    if (existing) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, `iban: ${iban} is registered already (bank account ${existing.id})`)
    }
    const account = await payment.createBillingBankAccounts({
      iban,
      bic: input.bic ? normaliseBic(input.bic) : null,
      name: input.name,
      currency_code: input.currency_code.toLowerCase(),
    })
    return new StepResponse(account, account.id)
  },
  async (id, { container }) => {
    if (id) {
      await paymentModule(container).deleteBillingBankAccounts([id])
    }
  }
)

export const createBankAccountWorkflowId = "billing-create-bank-account"
/** Registers one of the merchant's own accounts, whose statements may then be imported. */
export const createBankAccountWorkflow = createWorkflow(createBankAccountWorkflowId, (input: WorkflowData<CreateBankAccountInput>) => {
  return new WorkflowResponse(createBankAccountStep(input))
})
