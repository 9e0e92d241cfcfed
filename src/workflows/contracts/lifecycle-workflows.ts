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
import { computeCancellationEndDate } from "../../domain/contract-terms"
import { updateContractsStep } from "./records"
import { LoadedContract, loadContractStep } from "./steps/load-contract"
import { termOf } from "./types"

export const activateContractWorkflowId = "billing-activate-contract"
export const activateContractWorkflow = createWorkflow(
  activateContractWorkflowId,
  (input: WorkflowData<{ id: string; activated_at?: Date }>) => {
    const contract = loadContractStep(
      transform({ input }, ({ input }) => ({ id: input.id, action: "activation", allowed: ["draft"] as const }))
    )
    const rows = transform({ input, contract }, ({ input, contract }) => {
      if (!contract.items.length) {
        throw new MedusaError(MedusaError.Types.NOT_ALLOWED, `items: contract ${contract.number} has no items to bill`)
      }
      return [{ id: contract.id, status: "active" as const, activated_at: input.activated_at ?? new Date() }]
    })
    const updated = updateContractsStep(rows)
    return new WorkflowResponse(transform({ updated }, ({ updated }) => updated[0]))
  }
)

export interface CancelContractInput {
  id: string
  /** The day the notice was received; defaults to today. */
  notice_received_on: string
  /** An explicit last day (e.g. extraordinary termination); otherwise computed from terms and notice. */
  end_date?: string | null
}

const cancellationEndDateStep = createStep(
  "billing-compute-cancellation-end-date",
  async (input: { contract: LoadedContract; cancel: CancelContractInput }) => {
    const { contract, cancel } = input
    const endDate =
      cancel.end_date ??
      computeCancellationEndDate({
        start_date: contract.start_date,
        minimum_term: termOf(contract, "minimum_term"),
        renewal_term: termOf(contract, "renewal_term"),
        notice_period: termOf(contract, "notice_period"),
        notice_received_on: cancel.notice_received_on,
      })
    if (compareDates(endDate, contract.start_date) < 0) {
      throw new MedusaError(
        MedusaError.Types.INVALID_DATA,
        `end_date: ${endDate} is before the contract's start date ${contract.start_date}`
      )
    }
    return new StepResponse(endDate)
  }
)

export const cancelContractWorkflowId = "billing-cancel-contract"
export const cancelContractWorkflow = createWorkflow(
  cancelContractWorkflowId,
  (input: WorkflowData<CancelContractInput>) => {
    const contract = loadContractStep(
      transform({ input }, ({ input }) => ({ id: input.id, action: "cancellation", allowed: ["draft", "active"] as const }))
    )
    const endDate = cancellationEndDateStep(transform({ input, contract }, ({ input, contract }) => ({ contract, cancel: input })))
    const updated = updateContractsStep(
      transform({ input, contract, endDate }, ({ input, contract, endDate }) => [
        {
          id: contract.id,
          status: "cancelled" as const,
          end_date: endDate,
          cancelled_at: new Date(),
          cancellation_received_on: input.notice_received_on,
        },
      ])
    )
    return new WorkflowResponse(
      transform({ updated, endDate }, ({ updated, endDate }) => ({ contract: updated[0], end_date: endDate }))
    )
  }
)

export const endContractWorkflowId = "billing-end-contract"
export const endContractWorkflow = createWorkflow(
  endContractWorkflowId,
  (input: WorkflowData<{ id: string; end_date?: string | null; today: string }>) => {
    const contract = loadContractStep(
      transform({ input }, ({ input }) => ({ id: input.id, action: "ending", allowed: ["active", "cancelled"] as const }))
    )
    const rows = transform({ input, contract }, ({ input, contract }) => {
      const endDate = input.end_date ?? contract.end_date ?? input.today
      if (compareDates(endDate, contract.start_date) < 0) {
        throw new MedusaError(
          MedusaError.Types.INVALID_DATA,
          `end_date: ${endDate} is before the contract's start date ${contract.start_date}`
        )
      }
      return [{ id: contract.id, status: "ended" as const, end_date: endDate, ended_at: new Date() }]
    })
    const updated = updateContractsStep(rows)
    return new WorkflowResponse(transform({ updated }, ({ updated }) => updated[0]))
  }
)
