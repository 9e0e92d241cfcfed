import { createWorkflow, transform, WorkflowData, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { computeDueActivitiesStep } from "./steps/compute-due-activities"
import { loadContractStep } from "./steps/load-contract"

export const previewContractBillingWorkflowId = "billing-preview-contract-billing"

/** What the billing run would create for one contract up to `as_of`, without writing anything. */
export const previewContractBillingWorkflow = createWorkflow(
  previewContractBillingWorkflowId,
  (input: WorkflowData<{ id: string; as_of: string }>) => {
    const contract = loadContractStep(
      transform({ input }, ({ input }) => ({ id: input.id, action: "a billing preview", allowed: ["draft", "active", "cancelled", "ended"] as const }))
    )
    const result = computeDueActivitiesStep(transform({ input, contract }, ({ input, contract }) => ({ contract, as_of: input.as_of })))
    return new WorkflowResponse(result)
  }
)
