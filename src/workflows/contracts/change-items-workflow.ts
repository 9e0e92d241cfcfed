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
import { decimalField } from "../../utils/decimal-field"

export interface ChangeContractItemsInput {
  id: string
  /** The day the change takes effect: ended items are served up to the day before, added ones from it. */
  date: string
  end_item_ids?: string[]
  add?: Omit<ContractItemInput, "valid_from">[]
  /** A pause: the ended items come back, unchanged, from this day on. */
  resume_on?: string | null
  /** The end of a pause started earlier: items that ended before `date` come back, unchanged, from it. */
  reactivate_item_ids?: string[]
}

const planItemChangesStep = createStep(
  "billing-plan-contract-item-changes",
  async (input: { contract: LoadedContract; change: ChangeContractItemsInput }) => {
    const { contract, change } = input
    const endIds = change.end_item_ids ?? []
    const reactivateIds = change.reactivate_item_ids ?? []
    if (!endIds.length && !change.add?.length && !reactivateIds.length) {
      throw new MedusaError(
        MedusaError.Types.INVALID_DATA,
        "end_item_ids, add, reactivate_item_ids: the change neither ends, adds nor re-activates an item"
      )
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
      // The resumed copy keeps the item's own last day, so that day must not lie before the resumption.
      if (change.resume_on && item.valid_to && compareDates(item.valid_to, change.resume_on) < 0) {
        throw new MedusaError(
          MedusaError.Types.INVALID_DATA,
          `resume_on: item "${itemId}" ends on ${item.valid_to}, before it would resume on ${change.resume_on}`
        )
      }
      return item
    })
    const reactivated = reactivateIds.map((itemId, index) => {
      const item = contract.items.find((candidate) => candidate.id === itemId)
      if (!item) {
        throw new MedusaError(
          MedusaError.Types.INVALID_DATA,
          `reactivate_item_ids[${index}]: item "${itemId}" is not on contract ${contract.number}`
        )
      }
      if (!item.valid_to || compareDates(item.valid_to, change.date) >= 0) {
        throw new MedusaError(
          MedusaError.Types.INVALID_DATA,
          `reactivate_item_ids[${index}]: item "${itemId}" has not ended before ${change.date} (valid ${item.valid_from} to ${item.valid_to ?? "open end"})`
        )
      }
      return item
    })
    const copyFrom = (item: LoadedContract["items"][number], validFrom: string, validTo: string | null) => ({
      article_id: item.article_id,
      quantity: item.quantity,
      valid_from: validFrom,
      valid_to: validTo,
      custom_unit_price: decimalField(item, "custom_unit_price"),
      description: item.description,
    })
    const added = (change.add ?? []).map((item) => ({ ...item, valid_from: change.date }))
    const resumed = [
      ...(change.resume_on ? ended.map((item) => copyFrom(item, change.resume_on as string, item.valid_to)) : []),
      ...reactivated.map((item) => copyFrom(item, change.date, null)),
    ]
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
