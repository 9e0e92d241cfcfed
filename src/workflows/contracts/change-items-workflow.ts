import { MedusaError } from "@medusajs/framework/utils"
import {
  createStep,
  createWorkflow,
  StepResponse,
  transform,
  WorkflowData,
  WorkflowResponse,
} from "@medusajs/framework/workflows-sdk"
import { compareDates } from "../../domain/calendar-date"
import { lastDayBefore } from "../../domain/contract-rules"
import { createContractItemsStep, updateContractItemsStep } from "./records"
import { LoadedContract, loadContractStep } from "./steps/load-contract"
import { validateContractItemsStep } from "./steps/validate-contract-items"
import { ContractItemInput } from "./types"

export interface ChangeContractItemsInput {
  id: string
  /** The day the change takes effect: ended items are served up to the day before, added ones from it. */
  date: string
  end_item_ids?: string[]
  add?: Omit<ContractItemInput, "valid_from">[]
  /** A pause: the ended items come back, unchanged, from this day on. */
  resume_on?: string | null
}

const planItemChangesStep = createStep(
  "billing-plan-contract-item-changes",
  async (input: { contract: LoadedContract; change: ChangeContractItemsInput }) => {
    const { contract, change } = input
    const endIds = change.end_item_ids ?? []
    if (!endIds.length && !change.add?.length) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, "end_item_ids, add: the change neither ends nor adds an item")
    }
    if (change.resume_on && compareDates(change.resume_on, change.date) <= 0) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, `resume_on: ${change.resume_on} must be after date ${change.date}`)
    }
    if (change.resume_on && !endIds.length) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, "resume_on: a pause needs end_item_ids")
    }
    const ended = endIds.map((itemId, index) => {
      const item = contract.items.find((candidate) => candidate.id === itemId)
      if (!item) {
        throw new MedusaError(
          MedusaError.Types.INVALID_DATA,
          `end_item_ids[${index}]: item "${itemId}" is not on contract ${contract.number}`
        )
      }
      const running = compareDates(item.valid_from, change.date) < 0 && (!item.valid_to || compareDates(item.valid_to, change.date) >= 0)
      if (!running) {
        throw new MedusaError(
          MedusaError.Types.INVALID_DATA,
          `end_item_ids[${index}]: item "${itemId}" is not running on ${change.date} (valid ${item.valid_from} to ${item.valid_to ?? "open end"})`
        )
      }
      return item
    })
    const added = (change.add ?? []).map((item) => ({ ...item, valid_from: change.date }))
    const resumed = change.resume_on
      ? ended.map((item) => ({
          article_id: item.article_id,
          quantity: item.quantity,
          valid_from: change.resume_on as string,
          valid_to: item.valid_to,
          custom_unit_price: item.custom_unit_price === null ? null : String(item.custom_unit_price),
          description: item.description,
        }))
      : []
    return new StepResponse({
      updates: ended.map((item) => ({ id: item.id, valid_to: lastDayBefore(change.date) })),
      added,
      resumed,
    })
  }
)

export const changeContractItemsWorkflowId = "billing-change-contract-items"

/**
 * Up-/downgrade and pause: end items at a date and add (or bring back) items from a date, in one
 * compensated transaction, with every new item checked like at contract creation.
 */
export const changeContractItemsWorkflow = createWorkflow(
  changeContractItemsWorkflowId,
  (input: WorkflowData<ChangeContractItemsInput>) => {
    const contract = loadContractStep(
      transform({ input }, ({ input }) => ({ id: input.id, action: "changing items", allowed: ["draft", "active", "cancelled"] as const }))
    )
    const plan = planItemChangesStep(transform({ input, contract }, ({ input, contract }) => ({ contract, change: input })))
    validateContractItemsStep(
      transform({ contract, plan }, ({ contract, plan }) => ({ contract, field: "add", items: plan.added }))
    )
    updateContractItemsStep(transform({ plan }, ({ plan }) => plan.updates))
    const created = createContractItemsStep(
      transform({ plan, contract }, ({ plan, contract }) =>
        [...plan.added, ...plan.resumed].map((item) => ({ ...item, contract_id: contract.id }))
      )
    )
    return new WorkflowResponse(
      transform({ plan, created }, ({ plan, created }) => ({ ended_item_ids: plan.updates.map((u) => u.id), created_items: created }))
    )
  }
)
