import { MedusaError } from "@medusajs/framework/utils"
import {
  createStep,
  createWorkflow,
  StepResponse,
  transform,
  WorkflowData,
  WorkflowResponse,
} from "@medusajs/framework/workflows-sdk"
import { contractDatesProblem } from "../../domain/contract-rules"
import { assertReferencesStep } from "../common/assert-references"
import { createContractItemsStep, createContractsStep, deleteContractsStep, updateContractsStep } from "./records"
import { loadContractStep } from "./steps/load-contract"
import { prepareContractStep } from "./steps/prepare-contract"
import { validateContractItemsStep } from "./steps/validate-contract-items"
import { ContractInput, ContractUpdate, flattenTerms } from "./types"
import { decimalField } from "../../utils/decimal-field"

export const createContractWorkflowId = "billing-create-contract"
export const createContractWorkflow = createWorkflow(createContractWorkflowId, (input: WorkflowData<ContractInput>) => {
  assertReferencesStep(
    transform({ input }, ({ input }) => [
      { field: "project_id", entity: "billing_project", id: input.project_id },
      { field: "customer_id", entity: "customer", id: input.customer_id },
    ])
  )
  const row = prepareContractStep(input)
  const items = transform({ input, row }, ({ input, row }) =>
    (input.items ?? []).map((item) => ({ ...item, valid_from: item.valid_from ?? row.start_date }))
  )
  validateContractItemsStep(transform({ row, items }, ({ row, items }) => ({ contract: row, field: "items", items })))
  const created = createContractsStep(transform({ row }, ({ row }) => [row]))
  createContractItemsStep(
    transform({ items, created }, ({ items, created }) =>
      items.map((item) => ({ ...item, contract_id: created[0].id }))
    )
  )
  return new WorkflowResponse(transform({ created }, ({ created }) => created[0]))
})

/** Once a contract runs, what was billed must stay explainable: its calendar-defining fields are frozen. */
const FROZEN_AFTER_DRAFT = ["project_id", "customer_id", "currency_code", "start_date", "interval_count", "interval_unit", "billing_mode"] as const

/** The fields a draft's items are checked against: article project and unit, price currency, first day. */
const ITEM_DEFINING_FIELDS = ["project_id", "interval_unit", "currency_code", "start_date"] as const

const validateContractUpdateStep = createStep(
  "billing-validate-contract-update",
  async (input: { update: ContractUpdate; contract: { status: string; number: string; start_date: string; end_date: string | null; billed_until: string | null } }) => {
    if (input.contract.status !== "draft") {
      const frozen = FROZEN_AFTER_DRAFT.find((field) => input.update[field] !== undefined)
      if (frozen) {
        throw new MedusaError(
          MedusaError.Types.NOT_ALLOWED,
          `${frozen}: contract ${input.contract.number} is ${input.contract.status}; ${frozen} can only be changed while it is a draft`
        )
      }
    }
    const problem = contractDatesProblem({
      start_date: input.update.start_date ?? input.contract.start_date,
      end_date: input.update.end_date === undefined ? input.contract.end_date : input.update.end_date,
      billed_until: input.update.billed_until === undefined ? input.contract.billed_until : input.update.billed_until,
    })
    if (problem) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, problem)
    }
    return new StepResponse(undefined)
  }
)

export const updateContractWorkflowId = "billing-update-contract"
export const updateContractWorkflow = createWorkflow(updateContractWorkflowId, (input: WorkflowData<ContractUpdate>) => {
  const contract = loadContractStep(
    transform({ input }, ({ input }) => ({ id: input.id, action: "updating", allowed: ["draft", "active", "cancelled"] as const }))
  )
  validateContractUpdateStep(transform({ input, contract }, ({ input, contract }) => ({ update: input, contract })))
  assertReferencesStep(
    transform({ input }, ({ input }) => [
      { field: "project_id", entity: "billing_project", id: input.project_id },
      { field: "customer_id", entity: "customer", id: input.customer_id },
    ])
  )
  // A draft may move to another project, interval, currency or start only if its items still fit there.
  validateContractItemsStep(
    transform({ input, contract }, ({ input, contract }) => {
      const movesItems = ITEM_DEFINING_FIELDS.some((field) => input[field] !== undefined)
      return {
        contract: {
          project_id: input.project_id ?? contract.project_id,
          interval_unit: input.interval_unit ?? contract.interval_unit,
          currency_code: (input.currency_code ?? contract.currency_code).toLowerCase(),
          start_date: input.start_date ?? contract.start_date,
          end_date: input.end_date === undefined ? contract.end_date : input.end_date,
          billed_until: input.billed_until === undefined ? contract.billed_until : input.billed_until,
        },
        field: "items",
        items: movesItems
          ? contract.items.map((item) => ({
              article_id: item.article_id,
              quantity: item.quantity,
              valid_from: item.valid_from,
              valid_to: item.valid_to,
              billing_from: item.billing_from,
              custom_unit_price: decimalField(item, "custom_unit_price"),
            }))
          : [],
      }
    })
  )
  const rows = transform({ input }, ({ input }) => {
    const { minimum_term, renewal_term, notice_period, ...header } = input
    return [
      {
        ...header,
        ...(header.currency_code ? { currency_code: header.currency_code.toLowerCase() } : {}),
        ...flattenTerms({ minimum_term, renewal_term, notice_period }),
      },
    ]
  })
  const updated = updateContractsStep(rows)
  return new WorkflowResponse(transform({ updated }, ({ updated }) => updated[0]))
})

export const deleteContractWorkflowId = "billing-delete-contract"
export const deleteContractWorkflow = createWorkflow(deleteContractWorkflowId, (input: WorkflowData<{ id: string }>) => {
  loadContractStep(transform({ input }, ({ input }) => ({ id: input.id, action: "deleting", allowed: ["draft"] as const })))
  deleteContractsStep(transform({ input }, ({ input }) => [input.id]))
  return new WorkflowResponse(input.id)
})
