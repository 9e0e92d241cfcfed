import { MedusaError } from "@medusajs/framework/utils"
import { createStep, createWorkflow, StepResponse, transform, WorkflowData, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { compareDates } from "../../domain/calendar-date"
import { updateContractItemsStep } from "./records"
import { LoadedContract, loadContractStep } from "./steps/load-contract"

export interface UpdateContractItemInput {
  contract_id: string
  item_id: string
  /** Re-anchor the item's billing (e.g. to the start of a cancelled invoice's period, for re-billing). */
  billing_from?: string | null
  custom_unit_price?: string | null
  description?: string | null
}

const validateItemUpdateStep = createStep(
  "billing-validate-contract-item-update",
  async (input: { contract: LoadedContract; update: UpdateContractItemInput }) => {
    const item = input.contract.items.find((i) => i.id === input.update.item_id)
    if (!item) {
      throw new MedusaError(MedusaError.Types.NOT_FOUND, `item "${input.update.item_id}" is not on contract ${input.contract.number}`)
    }
    const billingFrom = input.update.billing_from
    if (billingFrom && compareDates(billingFrom, input.contract.start_date) < 0) {
      throw new MedusaError(
        MedusaError.Types.INVALID_DATA,
        `billing_from: ${billingFrom} is before the contract's start date ${input.contract.start_date}`
      )
    }
    if (billingFrom && item.valid_to && compareDates(billingFrom, item.valid_to) > 0) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, `billing_from: ${billingFrom} is after the item's last day ${item.valid_to}`)
    }
    const { contract_id: _contract, item_id, ...fields } = input.update
    return new StepResponse([{ id: item_id, ...fields }])
  }
)

export const updateContractItemWorkflowId = "billing-update-contract-item"

/** Changes an item's "billing from", custom price or description — the levers of re-billing (FAQ story 16). */
export const updateContractItemWorkflow = createWorkflow(
  updateContractItemWorkflowId,
  (input: WorkflowData<UpdateContractItemInput>) => {
    const contract = loadContractStep(
      transform({ input }, ({ input }) => ({ id: input.contract_id, action: "changing an item", allowed: ["draft", "active", "cancelled"] as const }))
    )
    const rows = validateItemUpdateStep(transform({ input, contract }, ({ input, contract }) => ({ contract, update: input })))
    const updated = updateContractItemsStep(rows)
    return new WorkflowResponse(transform({ updated }, ({ updated }) => updated[0]))
  }
)
